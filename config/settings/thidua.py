"""Settings of the product itself."""

from .env import env_str

THIDUA_PROVINCE_CODE = env_str("THIDUA_PROVINCE_CODE", "YB")
THIDUA_SITE_NAME = env_str("THIDUA_SITE_NAME", "thidua")
