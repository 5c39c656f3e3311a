"""Every view declares its permission with `@view_permission`; a test checks that no view forgets.

The decorator enforces login and, when roles are named, that the user holds one of them somewhere. Scope to a
unit is then enforced by the view through the selectors (`visible_*`), which answer 404 for records of units
the user cannot see.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from thidua.accounts.scope import has_role

PUBLIC = "public"


def view_permission(*roles: str, public: bool = False) -> Callable:
    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not public:
                if not request.user.is_authenticated:
                    return redirect_to_login(request.get_full_path())
                if roles and not has_role(request.user, *roles):
                    raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.thidua_permission = PUBLIC if public else (roles or ("authenticated",))  # type: ignore[attr-defined]
        return wrapped

    return decorate
