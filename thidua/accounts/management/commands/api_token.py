"""Issue or revoke an API token for a machine account.

python manage.py api_token create USERNAME "Hệ thống quản lý văn bản"   # prints the token once
python manage.py api_token revoke PREFIX
python manage.py api_token list [USERNAME]
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from thidua.accounts.models import ApiToken, User
from thidua.audit.services import audit_record


class Command(BaseCommand):
    help = "Tạo, thu hồi, liệt kê mã truy cập API (token)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="Tạo mã mới (chỉ hiển thị một lần).")
        create.add_argument("username")
        create.add_argument("name")
        revoke = sub.add_parser("revoke", help="Thu hồi mã theo tiền tố.")
        revoke.add_argument("prefix")
        listing = sub.add_parser("list", help="Liệt kê mã.")
        listing.add_argument("username", nargs="?")

    @transaction.atomic
    def handle(self, *args, action: str, **options):
        if action == "create":
            user = User.objects.filter(username=options["username"], is_active=True).first()
            if user is None:
                raise CommandError(f"Không có tài khoản đang hoạt động: {options['username']}")
            token, key = ApiToken.issue(user=user, name=options["name"])
            audit_record(
                action="api_token_create", instance=token, after={"name": token.name, "user": user.pk}
            )
            self.stdout.write(key)
        elif action == "revoke":
            tokens = ApiToken.objects.filter(prefix=options["prefix"], revoked_at__isnull=True)
            if not tokens.exists():
                raise CommandError(f"Không có mã đang hiệu lực với tiền tố {options['prefix']}")
            for token in tokens:
                token.revoked_at = timezone.now()
                token.save(update_fields=["revoked_at"])
                audit_record(
                    action="api_token_revoke", instance=token, after={"revoked_at": token.revoked_at}
                )
            self.stdout.write("Đã thu hồi.")
        else:
            tokens = ApiToken.objects.select_related("user").order_by("created_at")
            if options.get("username"):
                tokens = tokens.filter(user__username=options["username"])
            for token in tokens:
                state = "thu hồi" if token.revoked_at else "hiệu lực"
                self.stdout.write(f"{token.prefix}…  {token.user.username:<15} {token.name}  ({state})")
