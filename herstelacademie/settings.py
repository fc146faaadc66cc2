"""Settings for the herstelacademie, read only from environment variables.

Every variable is documented in .env.example. With DEBUG off the app refuses to start
without the variables production needs, so a mistake shows at start-up, not later.
"""

from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from .env import envbool, envfloat, envint, envlist, envstr, require

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(envstr("VAR_DIR", str(BASE_DIR / "var")))

DEBUG = envbool("DEBUG", False)

if DEBUG:
    SECRET_KEY = envstr("SECRET_KEY", "django-insecure-development-only-key-0123456789abcdef")
else:
    SECRET_KEY = require("SECRET_KEY", "a long random secret that signs sessions and links.")

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
if not DEBUG and not ALLOWED_HOSTS:
    require("ALLOWED_HOSTS", "the host names this site is served on, comma separated.")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")
SITE_URL = envstr("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# The academy's own name, e.g. on certificates ("Herstelacademie Nijmegen").
ACADEMIE_NAAM = envstr("ACADEMIE_NAAM", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "csp",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "herstelacademie",
    "deelnemers",
    "groepen",
    "herstelmodel",
    "nazorg",
    "doorgroei",
    "audit",
    "impact",
    "privacy",
    "ontwikkeling",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "herstelacademie.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "privacy.activiteit.ActiviteitMiddleware",
    "audit.middleware.AuditActorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "privacy.middleware.ToestemmingMiddleware",
    "herstelacademie.middleware.StaffMfaMiddleware",
    "herstelacademie.middleware.BackgroundServiceDownMiddleware",
]

ROOT_URLCONF = "herstelacademie.urls"
WSGI_APPLICATION = "herstelacademie.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "herstelacademie.context_processors.navigation",
                "deelnemers.context_processors.academie",
                "privacy.context_processors.verwijderverzoek",
                "nazorg.context_processors.meldingen",
            ],
        },
    },
]

# Database: SQLite file by default so `make run` needs nothing installed.
DATABASES = {
    "default": dj_database_url.parse(
        envstr("DATABASE_URL", f"sqlite:///{VAR_DIR / 'herstelacademie.sqlite3'}"),
        conn_max_age=envint("DB_CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The planner's price of a random read. PostgreSQL's default (4) dates from spinning
    # disks; on an SSD, or with the data in memory as here, 1.1 is the usual setting.
    # With 4 the dashboard's per-period queries read whole tables (40,000 attendance
    # rows) instead of the index of the period's meetings (1,700): 24 -> 8 ms, and the
    # table scan grows with the academy's history. Empty: the server's own setting (a
    # connection pooler that refuses startup options needs that).
    _kosten = envfloat("DB_RANDOM_PAGE_COST", 1.1)
    if _kosten is not None:
        DATABASES["default"].setdefault("OPTIONS", {})["options"] = f"-c random_page_cost={_kosten}"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    # A file test database (not :memory:) so a real Celery worker process can share it.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}
    # Wait for the worker's write lock instead of failing with "database is locked", and
    # take the write lock when a transaction starts, so that "count the free places, then
    # enrol" cannot interleave (PostgreSQL gets the same from select_for_update).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "deelnemers.User"

AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

# --- django-allauth -------------------------------------------------------------
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_REDIRECT_URL = "account_login"
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Herstelacademie] "
ACCOUNT_ADAPTER = "privacy.signup.AccountAdapter"
ACCOUNT_FORMS = {"login": "deelnemers.forms.LoginForm", "signup": "privacy.signup.SignupForm"}
ACCOUNT_RATE_LIMITS = {
    # allauth's defaults, stated here so they are visible and reviewed. Except failed
    # logins: allauth would lock a named account for everyone (anyone could lock anyone
    # out) and an address for everyone behind it (a group on one wifi). deelnemers/inlog.py
    # slows down an account per address instead, with a per-address limit sized for a
    # whole group with typos; ACCOUNT_ADAPTER calls it.
    "login_failed": None,
    # Every POST of the login form, per address. allauth's 30 would stop a group on the
    # academy's wifi: twenty people with two typos each send 60 in the first minute.
    "login": "120/m/ip",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
}
# Behind a TLS proxy every request seems to come from the proxy; the login limits per
# address (deelnemers/inlog.py) need the visitor's own. The number of proxies in front
# that append to X-Forwarded-For (0: use the connection's address).
ALLAUTH_TRUSTED_PROXY_COUNT = envint("TRUSTED_PROXY_COUNT", 0)
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = envstr("MFA_TOTP_ISSUER", "Herstelacademie")
# Also accept the code of the previous/next 30-second window: a code typed just as it
# rolls over should not fail (allauth still refuses a code that was used before).
MFA_TOTP_TOLERANCE = 1

# --- Cache: Redis when available (shared by all processes), else per process. ---
REDIS_URL = envstr("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "ha",
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Celery: Redis broker, or an embedded file broker so `make run` needs no Redis. ---
CELERY_TASK_ALWAYS_EAGER = False
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_TIMEOUT = 3
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Keep retrying the broker for ever (None) instead of giving up after 100 tries, and let
# a running task finish while the broker is away: the reminder batch keeps sending.
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = False
CELERY_TIMEZONE = "Europe/Amsterdam"
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    # Redis with a fix so a worker survives a Redis restart (see herstelacademie/broker.py).
    CELERY_BROKER_TRANSPORT = "herstelacademie.broker:Transport"
    CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 2, "visibility_timeout": 3600}
else:
    BROKER_DIR = VAR_DIR / "broker"
    for sub in ("queue", "control"):
        (BROKER_DIR / sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(BROKER_DIR / "queue"),
        "data_folder_out": str(BROKER_DIR / "queue"),
        "control_folder": str(BROKER_DIR / "control"),
        "store_processed": False,
    }
HEARTBEAT_INTERVAL = envint("HEARTBEAT_INTERVAL", 30)
# /healthz calls the background jobs unhealthy when the heartbeat is older than this.
HEARTBEAT_MAX_AGE = envint("HEARTBEAT_MAX_AGE", max(120, HEARTBEAT_INTERVAL * 4))
# How many worker processes may send nazit reminders side by side when many are due
# (the worker's concurrency should be at least this; docker-compose runs 4).
HERINNERING_ENGINES = envint("HERINNERING_ENGINES", 4)
# /healthz shows which check failed only to 127.0.0.1 (the container's own healthcheck)
# or to a request with this token in the X-Healthz-Token header; others get "ok"/"niet ok".
HEALTHZ_TOKEN = envstr("HEALTHZ_TOKEN")
# Seconds between two runs of the reminder job (beat), and how long a reminder stays with
# a worker that stopped answering (0: EMAIL_TIMEOUT + 10 s, at least 20; see
# nazorg/herinneringen.py, RECOVERY).
HERINNERING_INTERVAL = envint("HERINNERING_INTERVAL", 10)
HERINNERING_LEASE_SECONDS = envint("HERINNERING_LEASE_SECONDS", 0)
CELERY_BEAT_SCHEDULE = {
    "heartbeat": {"task": "herstelacademie.tasks.heartbeat", "schedule": HEARTBEAT_INTERVAL},
    # Often, so rows a dead worker held are sent again soon after their short lease ends
    # (nazorg/herinneringen.py); a tick that finds nothing due costs four small queries.
    # A tick not started within the interval is dropped: the next one does the same work.
    "nazit-herinneringen": {
        "task": "nazorg.tasks.verstuur_herinneringen",
        "schedule": HERINNERING_INTERVAL,
        "options": {"expires": HERINNERING_INTERVAL},
    },
    "nazit-plannen": {"task": "nazorg.tasks.plan_nazit", "schedule": 24 * 3600},
    # "We missen je" (nazorg/missen.py): once a day, in the morning, so the message does
    # not arrive at night; a re-run finds nothing new.
    "nazorg-missen": {"task": "nazorg.tasks.missen", "schedule": crontab(hour=10, minute=15)},
    # A group's community space appears within the hour after its end date has passed.
    "community-ruimtes": {"task": "nazorg.tasks.maak_ruimtes", "schedule": 3600},
    # Reply emails (nazorg/gesprekmail.py): the task keeps the hourly limit and the quiet
    # night itself, so a tick may be dropped or doubled without harm.
    "community-reactiemail": {
        "task": "nazorg.tasks.verstuur_gesprekmails",
        "schedule": 300,
        "options": {"expires": 300},
    },
    "community-digest": {
        "task": "nazorg.verstuur_digest",
        "schedule": crontab(hour=9, minute=0, day_of_week=1),
    },
    "verwijder-accounts": {
        "task": "privacy.tasks.verwijder_accounts",
        "schedule": crontab(hour=3, minute=30),
    },
    "kennismakingen-wissen": {
        "task": "groepen.tasks.wis_verlopen_kennismakingen",
        "schedule": crontab(hour=3, minute=45),
    },
    # Co-facilitator memberships follow the start and end dates of volunteer roles
    # (groepen/rollen.py); just after midnight so a role counts from its first day.
    "vrijwilligersrollen": {
        "task": "groepen.tasks.synchroniseer_rollen",
        "schedule": crontab(hour=0, minute=5),
    },
    # Closed months' figures (impact/samenvatting.py): after midnight a month is over;
    # a dashboard computes a missing one itself, so a missed run only costs time.
    "maandcijfers": {"task": "impact.tasks.maandcijfers", "schedule": crontab(hour=4, minute=15)},
}
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")

# --- Account deletion and retention (privacy/verwijderen.py, privacy/bewaartermijn.py) ---
# Days between a deletion request and carrying it out; the person can undo it meanwhile.
VERWIJDER_BEDENKTIJD_DAGEN = envint("VERWIJDER_BEDENKTIJD_DAGEN", 7)
# Accounts without a visit for this many months are warned by email...
BEWAARTERMIJN_MAANDEN = envint("BEWAARTERMIJN_MAANDEN", 24)
# ...and erased this many days after the warning if they still did not log in.
BEWAARTERMIJN_WAARSCHUWING_DAGEN = envint("BEWAARTERMIJN_WAARSCHUWING_DAGEN", 30)
# First-conversation requests (groepen/kennismaking.py) are erased this many days after
# they were made, picked up or not: by then nobody needs them to get in touch.
KENNISMAKING_BEWAARDAGEN = envint("KENNISMAKING_BEWAARDAGEN", 90)

# --- Email ------------------------------------------------------------------------
EMAIL_HOST = envstr("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = envint("EMAIL_PORT", 587)
    EMAIL_HOST_USER = envstr("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = envstr("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", EMAIL_PORT == 587)
    EMAIL_USE_SSL = envbool("EMAIL_USE_SSL", False)
    EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", 10)
elif DEBUG:
    # Development: mails appear in the terminal where `make run` runs.
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
else:
    require("EMAIL_HOST", "the SMTP server that sends verification and reminder emails.")
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "Herstelacademie <noreply@herstelacademie.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Field encryption (reflections, notes): comma-separated Fernet keys, newest first. ---
FIELD_ENCRYPTION_KEYS = envlist("FIELD_ENCRYPTION_KEYS")
if not FIELD_ENCRYPTION_KEYS:
    if DEBUG:
        # A fixed development key: demo data only. Production must bring its own.
        FIELD_ENCRYPTION_KEYS = ["ZGV2LW9ubHkta2V5LWZvci1oZXJzdGVsYWNhZGVtaWU="]
    else:
        require("FIELD_ENCRYPTION_KEYS", "the key(s) that encrypt reflections at rest.")

# --- Internationalisation: Dutch first, English selectable. -------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
# Our strings first; then our Dutch wording for a few of allauth's own strings.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale-allauth"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
# Named short-date formats per language (Dutch months lowercase): herstelacademie/formats.
FORMAT_MODULE_PATH = ["herstelacademie.formats"]

# --- Static files: whitenoise with compressed, hashed files. ------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# --- Security headers. ----------------------------------------------------------------
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        # data: for the TOTP QR code that allauth renders as an inline SVG image.
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
# Browser features the site never uses stay off, also for anything injected
# (herstelacademie.middleware.PermissionsPolicyMiddleware sends it).
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), encrypted-media=(), "
    "fullscreen=(self), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
    "midi=(), payment=(), usb=(), screen-wake-lock=(), xr-spatial-tracking=()"
)
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
if not DEBUG:
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# Error reports (mails to ADMINS, debug pages) mask all POST values and local variables.
DEFAULT_EXCEPTION_REPORTER_FILTER = "herstelacademie.errors.PrivateExceptionReporterFilter"

# --- Logging: no personal data; ids only. ----------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "INFO")},
    # Both log values at DEBUG: SQL parameters, and (django.template) the context of a
    # failed variable lookup, which holds what people wrote. LOG_LEVEL=DEBUG must not.
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django.template": {"level": "INFO"},
    },
}
