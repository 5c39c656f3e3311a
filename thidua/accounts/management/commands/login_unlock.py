"""Lift a login lockout (a username, a client address, or both); written to the audit trail.

python manage.py login_unlock --username hoidong
python manage.py login_unlock --address 203.0.113.7
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from thidua.accounts import services


class Command(BaseCommand):
    help = "Mở khóa đăng nhập cho một tên đăng nhập và/hoặc một địa chỉ IP."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="", help="Tên đăng nhập bị khóa.")
        parser.add_argument("--address", default="", help="Địa chỉ IP bị khóa.")

    def handle(self, *args, username: str, address: str, **options):
        try:
            cleared = services.login_unlock(actor=None, username=username, ip_address=address)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(_("Đã mở khóa; xóa %(count)d lần đăng nhập sai.") % {"count": cleared})
