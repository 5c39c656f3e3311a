"""Security defaults: secrets from the environment, CSP, CSRF, HTTPS behind a proxy, upload limits, login throttling."""

import ipaddress

from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from .base import DEBUG, ENVIRONMENT
from .env import env_bool, env_int, env_list, env_str

_DEV_SECRET = "dev-only-insecure-secret-key-change-me-0123456789abcdef"
SECRET_KEY = env_str("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if ENVIRONMENT == "production":
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set in production.")
    SECRET_KEY = _DEV_SECRET

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

# Everything is served from our own origin; no CDN, no inline script.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 3600
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the cookie-free meta tag; kept default for forms
_PRODUCTION = ENVIRONMENT == "production"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", _PRODUCTION)

# Reverse proxies (nginx) whose X-Forwarded-For is believed: addresses or networks, e.g. "127.0.0.1,10.0.0.0/24".
# The login throttle and the client address use it; an empty list means requests come straight from clients.
THIDUA_TRUSTED_PROXIES = env_list("THIDUA_TRUSTED_PROXIES", [])
for _proxy in THIDUA_TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError:
        raise ImproperlyConfigured(f"THIDUA_TRUSTED_PROXIES: not an address or network: {_proxy!r}") from None
# Behind a proxy that terminates TLS, the proxy's X-Forwarded-Proto says whether the client used HTTPS; without
# this the SSL redirect would send every request back to itself. Only set it when the proxy always sets (or
# overwrites) that header.
THIDUA_BEHIND_PROXY = env_bool("THIDUA_BEHIND_PROXY", bool(THIDUA_TRUSTED_PROXIES))
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if THIDUA_BEHIND_PROXY else None
SECURE_SSL_REDIRECT = env_bool("DJANGO_SSL_REDIRECT", _PRODUCTION)
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 365 * 24 * 3600 if _PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", _PRODUCTION)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", _PRODUCTION)

# Upload limits: attachments are checked by content elsewhere; these bound the request itself.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000
THIDUA_ATTACHMENT_MAX_BYTES = env_int("THIDUA_ATTACHMENT_MAX_BYTES", 20 * 1024 * 1024)
THIDUA_IMPORT_MAX_BYTES = env_int("THIDUA_IMPORT_MAX_BYTES", 30 * 1024 * 1024)
# A zip bomb is refused from the archive's directory, before anything is decompressed.
THIDUA_IMPORT_MAX_UNCOMPRESSED = env_int("THIDUA_IMPORT_MAX_UNCOMPRESSED", 300 * 1024 * 1024)
THIDUA_IMPORT_MAX_ROWS = env_int("THIDUA_IMPORT_MAX_ROWS", 60_000)

# Login throttling: after LOGIN_MAX_FAILURES failed attempts for one username (from anywhere) within
# LOGIN_FAILURE_WINDOW seconds, that username is refused; after LOGIN_MAX_FAILURES_PER_ADDRESS from one client
# address (any usernames), that address is refused. Until the window passes or an administrator unlocks.
LOGIN_MAX_FAILURES = env_int("THIDUA_LOGIN_MAX_FAILURES", 5)
LOGIN_MAX_FAILURES_PER_ADDRESS = env_int("THIDUA_LOGIN_MAX_FAILURES_PER_ADDRESS", 20)
LOGIN_FAILURE_WINDOW = env_int("THIDUA_LOGIN_FAILURE_WINDOW", 15 * 60)

if DEBUG and ENVIRONMENT == "development":
    INTERNAL_IPS = ["127.0.0.1"]
