from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from thidua.accounts.client_address import client_address

from .context import AuditContext, current


class AuditContextMiddleware:
    """Makes the acting user and client address available to audit records written during the request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        token = current.set(AuditContext(user=user, ip_address=client_address(request)))
        try:
            return self.get_response(request)
        finally:
            current.reset(token)
