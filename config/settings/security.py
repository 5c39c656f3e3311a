"""Security defaults: secrets from the environment, CSP, CSRF, upload limits, login throttling."""

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
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", ENVIRONMENT == "production")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 0)

# Upload limits: attachments are checked by content elsewhere; these bound the request itself.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000
THIDUA_ATTACHMENT_MAX_BYTES = env_int("THIDUA_ATTACHMENT_MAX_BYTES", 20 * 1024 * 1024)
THIDUA_IMPORT_MAX_BYTES = env_int("THIDUA_IMPORT_MAX_BYTES", 30 * 1024 * 1024)
# A zip bomb is refused from the archive's directory, before anything is decompressed.
THIDUA_IMPORT_MAX_UNCOMPRESSED = env_int("THIDUA_IMPORT_MAX_UNCOMPRESSED", 300 * 1024 * 1024)
THIDUA_IMPORT_MAX_ROWS = env_int("THIDUA_IMPORT_MAX_ROWS", 60_000)

# Login throttling: after LOGIN_MAX_FAILURES failed attempts for one username (or one address) within
# LOGIN_FAILURE_WINDOW seconds, further attempts are refused until the window passes.
LOGIN_MAX_FAILURES = env_int("THIDUA_LOGIN_MAX_FAILURES", 5)
LOGIN_FAILURE_WINDOW = env_int("THIDUA_LOGIN_FAILURE_WINDOW", 15 * 60)

if DEBUG and ENVIRONMENT == "development":
    INTERNAL_IPS = ["127.0.0.1"]
