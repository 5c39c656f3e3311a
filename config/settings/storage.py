"""Files: var/media locally; any Django storage (e.g. S3 through django-storages) in production."""

from pathlib import Path

from .env import BASE_DIR, env_str

STATIC_URL = "static/"
STATIC_ROOT: Path | None = BASE_DIR / "var" / "static"
# Nothing is served at MEDIA_URL (config/urls.py has no media route, and nginx must not alias it): uploads
# and generated documents are downloaded through views that check scope (thidua/core/uploads.py).
MEDIA_URL = "media/"
MEDIA_ROOT = env_str("THIDUA_MEDIA_ROOT", str(BASE_DIR / "var" / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Serve static files from the apps' folders without collectstatic (development and tests); production runs
# collectstatic into STATIC_ROOT and sets THIDUA_COLLECTED_STATIC=1.
if not env_str("THIDUA_COLLECTED_STATIC"):
    WHITENOISE_USE_FINDERS = True
    WHITENOISE_AUTOREFRESH = True
    STATIC_ROOT = None
