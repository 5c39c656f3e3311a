"""Vietnamese first, English available; dates dd/mm/yyyy, thousands separated by dots."""

from django.utils.translation import gettext_lazy as _

from .env import BASE_DIR

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["thidua.core.formats"]
LANGUAGE_COOKIE_NAME = "thidua_language"
