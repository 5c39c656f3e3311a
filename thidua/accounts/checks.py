"""`check --deploy` warnings for settings that look fine alone but break behind the documented nginx."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def proxy_settings_check(app_configs, **kwargs) -> list[Warning]:
    warnings = []
    if settings.SECURE_SSL_REDIRECT and not settings.SECURE_PROXY_SSL_HEADER:
        warnings.append(
            Warning(
                "SECURE_SSL_REDIRECT is on but SECURE_PROXY_SSL_HEADER is not set: behind a proxy that terminates "
                "TLS every request would be redirected to itself.",
                hint="Set THIDUA_TRUSTED_PROXIES to the proxy's address (or THIDUA_BEHIND_PROXY=1); silence "
                "this check only if the application server terminates TLS itself.",
                id="thidua.W001",
            )
        )
    if settings.SECURE_PROXY_SSL_HEADER and not settings.THIDUA_TRUSTED_PROXIES:
        warnings.append(
            Warning(
                "The application is behind a proxy but THIDUA_TRUSTED_PROXIES is empty: every request seems to "
                "come from the proxy, so one address's failed logins would lock everyone out.",
                hint="Set THIDUA_TRUSTED_PROXIES to the proxy's address, e.g. 127.0.0.1.",
                id="thidua.W002",
            )
        )
    return warnings
