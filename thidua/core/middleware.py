from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _


class LanguageMiddleware:
    """Vietnamese unless the user chose another language with the switch (a cookie).

    Unlike Django's LocaleMiddleware, the browser's Accept-Language is not consulted: offices often run
    English-language Windows and browsers, and the product speaks Vietnamese first.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.available = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language  # type: ignore[attr-defined]
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        response.headers.setdefault("Vary", "Cookie")
        return response


class QueryParameterMiddleware:
    """Refuse bad query parameters in one place, before any view: a control character (NUL, ...) in any name or
    value, and a `ParameterError` a view raises while reading one (thidua/core/params.py). Pages get the styled
    400 page, the API (/api/v1/) a JSON `{"detail": ...}`; the message is Vietnamese and names the parameter."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from .params import ParameterError, control_character_parameter, nul_in_json_body

        name = control_character_parameter(request)
        if name is not None:
            message = _("Tham số “%(name)s” chứa ký tự điều khiển không hợp lệ.") % {"name": name}
            return self.bad_request(request, ParameterError(name, message))
        if request.path.startswith("/api/") and request.content_type == "application/json":
            field = nul_in_json_body(request)
            if field is not None:
                message = _("Trường “%(name)s” chứa ký tự NUL không hợp lệ.") % {"name": field}
                return self.bad_request(request, ParameterError(field, message))
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        from .params import ParameterError

        if isinstance(exception, ParameterError):
            return self.bad_request(request, exception)
        return None

    @staticmethod
    def bad_request(request: HttpRequest, error: Any) -> HttpResponse:
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": error.message}, status=400)
        return render(request, "400.html", {"message": error.message}, status=400)
