"""The project's settings plus one bare view (`/bench/bare/`), for the load benchmark's floor (web_load.py)."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench_urls"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
