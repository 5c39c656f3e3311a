"""Password authentication behind the login throttle.

The throttle lives in the backend, not only in the login page, so every form that checks a password (the login
page and Django admin's login at /quan-tri/login/) counts failures and refuses during a lockout.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied

from . import services
from .client_address import client_address


class ThrottledModelBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if request is None or username is None or password is None:
            return super().authenticate(request, username, password, **kwargs)
        address = client_address(request)
        if services.login_is_throttled(username=username, ip_address=address):
            # Stops authenticate() outright: no later backend is asked, nothing is counted or cleared.
            raise PermissionDenied
        user = super().authenticate(request, username, password, **kwargs)
        if user is None:
            services.login_failure_record(username=username, ip_address=address)
        return user
