"""Test settings: the real settings, run in development mode, with a fast password hasher."""

import os

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
