"""Test settings: the real settings, run in development mode, with a fast password hasher."""

import os
from urllib.parse import urlsplit

os.environ.setdefault("DEBUG", "1")

from herstelacademie.settings import *  # noqa: F403

# Argon2 stays the production hasher (asserted in tests/test_settings.py); hashing
# hundreds of test passwords with it would only slow the suite down.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tasks run in-process in tests; tests about background work start a real worker and
# switch this off for themselves (tests/herstelacademie/test_worker.py).
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
# Tests log people in directly; the privacy consent check has its own tests, which
# switch it on (tests/privacy/test_toestemming.py).
PRIVACY_TOESTEMMING_VERPLICHT = False

# Under pytest-xdist each worker has its own test database (pytest-django appends the
# worker id, gw0, gw1, ...). A Redis cache would still be shared, and cache.clear()
# (FLUSHDB) in one worker would wipe another's login rate limits mid-test, so each worker
# takes its own Redis database: the configured one + 1 + the worker's number.
_XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
if REDIS_URL and _XDIST_WORKER.startswith("gw"):  # noqa: F405
    _redis = urlsplit(REDIS_URL)  # noqa: F405
    _db = (int(_redis.path.strip("/") or 0) + 1 + int(_XDIST_WORKER[2:])) % 16
    CACHES["default"]["LOCATION"] = _redis._replace(path=f"/{_db}").geturl()  # noqa: F405
