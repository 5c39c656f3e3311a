from django.conf import settings
from django.contrib.auth import views as auth_views
from django.utils.translation import gettext as _

from . import services
from .client_address import client_address
from .forms import LoginForm


class LoginView(auth_views.LoginView):
    """Login, refused for a while after repeated failures (per username and per client address).

    The authentication backend counts the failures and refuses too; this view only answers a lockout with 429
    before the password is even looked at.
    """

    thidua_permission = "public"
    template_name = "accounts/login.html"
    form_class = LoginForm
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        username = request.POST.get("username", "")
        if services.login_is_throttled(username=username, ip_address=client_address(request)):
            form = self.get_form()
            form.errors.clear()
            minutes = max(1, -(-settings.LOGIN_FAILURE_WINDOW // 60))
            form.add_error(
                None,
                _("Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau %(minutes)s phút.")
                % {"minutes": minutes},
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        response = super().form_valid(form)
        services.login_success_record(user=form.get_user(), ip_address=client_address(self.request))
        return response


class LogoutView(auth_views.LogoutView):
    thidua_permission = "public"
