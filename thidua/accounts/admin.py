from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import services
from .models import ApiToken, LoginFailure, RoleGrant, User


class RoleGrantInline(admin.TabularInline):
    model = RoleGrant
    extra = 0


@admin.register(User)
class ThiduaUserAdmin(UserAdmin):
    inlines = [RoleGrantInline]
    fieldsets = (*(UserAdmin.fieldsets or ()), ("thidua", {"fields": ("person",)}))
    raw_id_fields = ("person",)
    actions = ["unlock_login"]

    @admin.action(description=gettext_lazy("Mở khóa đăng nhập cho các tài khoản đã chọn"))
    def unlock_login(self, request, queryset):
        cleared = sum(
            services.login_unlock(actor=request.user, username=user.get_username()) for user in queryset
        )
        self.message_user(
            request, _("Đã mở khóa; xóa %(count)d lần đăng nhập sai.") % {"count": cleared}, messages.SUCCESS
        )


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "prefix", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("prefix", "key_hash", "created_at", "last_used_at")


@admin.register(LoginFailure)
class LoginFailureAdmin(admin.ModelAdmin):
    """Failed logins, to see who is locked out; the actions unlock (and are written to the audit trail)."""

    list_display = ("username", "ip_address", "at")
    list_filter = ("at",)
    search_fields = ("username", "ip_address")
    date_hierarchy = "at"
    actions = ["unlock_usernames", "unlock_addresses"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # only through the unlock actions, which are audited

    @admin.action(description=gettext_lazy("Mở khóa các tên đăng nhập đã chọn"))
    def unlock_usernames(self, request, queryset):
        usernames = sorted(set(queryset.exclude(username="").values_list("username", flat=True)))
        cleared = sum(services.login_unlock(actor=request.user, username=name) for name in usernames)
        self.message_user(
            request,
            _("Đã mở khóa %(names)s; xóa %(count)d lần đăng nhập sai.")
            % {"names": ", ".join(usernames), "count": cleared},
            messages.SUCCESS,
        )

    @admin.action(description=gettext_lazy("Mở khóa các địa chỉ IP đã chọn"))
    def unlock_addresses(self, request, queryset):
        addresses = sorted(set(queryset.exclude(ip_address=None).values_list("ip_address", flat=True)))
        cleared = sum(services.login_unlock(actor=request.user, ip_address=address) for address in addresses)
        self.message_user(
            request,
            _("Đã mở khóa %(names)s; xóa %(count)d lần đăng nhập sai.")
            % {"names": ", ".join(addresses), "count": cleared},
            messages.SUCCESS,
        )
