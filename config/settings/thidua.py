"""Settings of the product itself."""

from .env import BASE_DIR, env_int, env_str

THIDUA_PROVINCE_CODE = env_str("THIDUA_PROVINCE_CODE", "YB")
THIDUA_SITE_NAME = env_str("THIDUA_SITE_NAME", "thidua")

# The address of the site as users reach it, for links in e-mails (notifications).
THIDUA_SITE_URL = env_str("THIDUA_SITE_URL", "http://127.0.0.1:8000")

# Mail (Django 6.1 mailers): the console in development, SMTP in production (THIDUA_ENV=production) through the
# relay EMAIL_HOST / EMAIL_PORT; DJANGO_EMAIL_BACKEND overrides either. Tests use the in-memory outbox (the test
# runner swaps the backend).
_EMAIL_BACKEND = env_str(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if env_str("THIDUA_ENV", "development") == "production"
    else "django.core.mail.backends.console.EmailBackend",
)
MAILERS = {
    "default": {
        "BACKEND": _EMAIL_BACKEND,
        "OPTIONS": (
            {"host": env_str("EMAIL_HOST", "localhost"), "port": env_int("EMAIL_PORT", 25)}
            if _EMAIL_BACKEND.endswith("smtp.EmailBackend")
            else {}
        ),
    }
}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "thidua@localhost")

# Public feedback on a disclosure notice accepted per client address per hour (the throttle uses the cache:
# production needs a shared cache, see docs/operations.md).
THIDUA_DISCLOSURE_FEEDBACK_PER_HOUR = env_int("THIDUA_DISCLOSURE_FEEDBACK_PER_HOUR", 5)

# The demo signer of a development or test server (a throwaway CA made on first use, its certificate marked
# "thử nghiệm"): decisions are signed with it when no signer is configured (THIDUA_SIGNING_PKCS12 or a PKCS#11
# token, docs/documents-signing.md). A production server never uses it: it refuses to sign without its own.
THIDUA_DEMO_SIGNING_DIR = env_str("THIDUA_DEMO_SIGNING_DIR", str(BASE_DIR / "var" / "demo-signing"))

# E-office (docs/documents-signing.md, "Dispatch"): the gateway that takes edXML packages by HTTP POST, with an
# optional bearer token; empty: packages are stored "chờ gửi" for the clerk to load into the e-office client.
THIDUA_EOFFICE_URL = env_str("THIDUA_EOFFICE_URL", "")
THIDUA_EOFFICE_TOKEN = env_str("THIDUA_EOFFICE_TOKEN", "")
THIDUA_EOFFICE_TIMEOUT = env_int("THIDUA_EOFFICE_TIMEOUT", 30)
# The office's Word templates: the largest .docx accepted, and what it may unpack to.
THIDUA_TEMPLATE_MAX_BYTES = env_int("THIDUA_TEMPLATE_MAX_BYTES", 5 * 1024 * 1024)
THIDUA_TEMPLATE_MAX_UNCOMPRESSED = env_int("THIDUA_TEMPLATE_MAX_UNCOMPRESSED", 50 * 1024 * 1024)
# The public certificate verification page (docs/certificates.md): misses per client address per hour before
# the address is refused (429), and how long a hit may be cached. The counters live in the cache: production
# needs a shared cache, as for the disclosure feedback.
THIDUA_CERTIFICATES_VERIFY_MISSES_PER_HOUR = env_int("THIDUA_CERTIFICATES_VERIFY_MISSES_PER_HOUR", 20)
THIDUA_CERTIFICATES_VERIFY_MAX_AGE = env_int("THIDUA_CERTIFICATES_VERIFY_MAX_AGE", 300)
