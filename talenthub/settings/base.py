"""Settings for every environment, read from the environment (12-factor).

The defaults are safe for a laptop: SQLite under var/, tasks run in-process, mail is
written to files under var/mail/. Production sets DATABASE_URL, REDIS_URL, SECRET_KEY,
ALLOWED_HOSTS and EMAIL_URL; with DEBUG off the process refuses to start without the
secret key and the host list.
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from csp import constants as csp
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
# A local .env (see .env.example) fills in what the real environment does not set.
environ.Env.read_env(env.str("ENV_FILE", default=str(BASE_DIR / ".env")), overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

# A key that only a development process may use; production must provide its own.
_DEV_SECRET_KEY = "django-insecure-talenthub-development-only"  # noqa: S105
SECRET_KEY = env.str("SECRET_KEY", default=_DEV_SECRET_KEY if DEBUG else "")
ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)
if not DEBUG and not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off.")
# Absolute links in mail sent outside a request (the verification link uses the request).
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000" if DEBUG else "").rstrip("/")
if not DEBUG and not SITE_URL:
    raise ImproperlyConfigured("SITE_URL must be set when DEBUG is off.")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
    "django.forms",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_filters",
    "accounts",
    "core",
    "profiles",
    "enterprises",
    "matching",
    "notifications",
    "esco",
    "csp",
    "organisations",
    "reports",
    "pages",
    "toolkit",
    "audit",
    "privacy",
]

MIDDLEWARE = [
    "core.middleware.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.StaffMFAMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "talenthub.urls"
WSGI_APPLICATION = "talenthub.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.navigation",
            ],
        },
    },
    {
        # Plain text (mail subjects and bodies): nothing is HTML-escaped, so "R&D" stays so.
        "NAME": "text",
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {"autoescape": False},
    },
]
FORM_RENDERER = "core.forms.FormRenderer"

# --- Database -------------------------------------------------------------------------
VAR_DIR.mkdir(exist_ok=True)
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'talenthub.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
# A kept connection is tested before reuse, so a database restart costs no failed request.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A short connect timeout keeps /readyz honest when the database is unreachable.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 3)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache, broker, tasks -------------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "core.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        },
        # Sessions' cached copies (core.sessions), read on every signed-in request: a Redis
        # that hangs costs each request at most a quarter of a second before the database
        # answers alone.
        "sessions": {
            "BACKEND": "core.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
        },
    }
    # Read from the cache, kept in the database (core.sessions).
    SESSION_ENGINE = "core.sessions"
    SESSION_CACHE_ALIAS = "sessions"
else:
    # Never DummyCache: allauth's rate limits count attempts in the cache.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # Not cached: one process's memory would not see another process end a session.
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Anonymous visitors' home and opening pages are served from the cache (core.pagecache) for
# at most this many seconds; changes clear them at once, the timeout covers the passing of
# deadline days. 0 turns the cache off.
PUBLIC_PAGE_CACHE_SECONDS = env.int("PUBLIC_PAGE_CACHE_SECONDS", default=60)
# The heaviest signed-in pages (the talent's start page, an opening's suggested talents, the
# talent pool, the impact dashboard) are kept per person for at most this many seconds, and
# go at once with any write to the database (core.pagecache). 0 turns the cache off, as it is
# without Redis: another process's cache in memory would not hear of a write made here.
PRIVATE_PAGE_CACHE_SECONDS = env.int("PRIVATE_PAGE_CACHE_SECONDS", default=60 if REDIS_URL else 0)

CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL)
# Without a broker, tasks run in-process at once and their errors surface to the caller.
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
# Several deployments (or test runs) can share one Redis by each using a queue of its own.
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_TASK_DEFAULT_QUEUE", default="celery")
# Set, mail goes to a queue of its own that its own workers serve (`celery worker -Q NAME`), so
# a fan-out to thousands never holds up a rescoring; empty, everything shares one queue.
MAIL_TASK_QUEUE = env.str("CELERY_MAIL_QUEUE", default="")
CELERY_TASK_ROUTES = ("talenthub.celery.route",)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
# With late acks, a task still running when the broker connection drops is redelivered;
# cancelling it keeps it from running twice at once.
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 5 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 4 * 60
# Redis re-delivers an unacknowledged task after the visibility timeout; it must exceed
# the longest countdown/ETA any task is scheduled with (6 hours), or that task runs twice.
# Socket timeouts keep a hung Redis from hanging a web request that enqueues a task; the
# read timeout stays above the 1 s the worker's blocking pop waits.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 7 * 60 * 60,
    "socket_connect_timeout": 5,
    "socket_timeout": 10,
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "Europe/Helsinki"
CELERY_BEAT_SCHEDULE = {
    # Mail that no task delivered (broker down at the event, retries due) goes out within
    # about a minute of becoming due.
    "relay-notifications": {
        "task": "notifications.tasks.relay_notifications",
        "schedule": 60,
    },
    # Digests arrive at the start of a working day in Helsinki; the weekly one on Mondays.
    # Retention (privacy.retention): at night, when nobody is waiting for the mail it sends.
    "apply-retention": {
        "task": "privacy.tasks.apply_retention",
        "schedule": crontab(hour=3, minute=30),
    },
    "send-daily-digests": {
        "task": "notifications.tasks.send_daily_digests",
        "schedule": crontab(hour=8, minute=0),
    },
    "send-weekly-digests": {
        "task": "notifications.tasks.send_weekly_digests",
        "schedule": crontab(hour=8, minute=0, day_of_week="monday"),
    },
    "relay-match-notices": {
        "task": "matching.tasks.relay_match_notices",
        "schedule": 60,
    },
    # Hourly, so an opening expires within the hour after its deadline day ends.
    "expire-openings": {
        "task": "matching.tasks.expire_openings",
        "schedule": crontab(minute=5),
    },
    # At night, when few profiles change: every match score from scratch (skill rarity moves).
    "rebuild-matches": {
        "task": "matching.tasks.rebuild_matches",
        "schedule": crontab(hour=3, minute=30),
    },
    # Office hours in Helsinki (CELERY_TIMEZONE), when someone can act on the reminder.
    "remind-expiring-openings": {
        "task": "matching.tasks.remind_expiring_openings",
        "schedule": crontab(hour=9, minute=0),
    },
    # Early morning: placements start on their day before anyone opens the page; check-in and
    # outcome mails arrive at the start of the working day.
    "run-placements-daily": {
        "task": "matching.tasks.run_placements_daily",
        "schedule": crontab(hour=7, minute=15),
    },
}

# How long an owner's invitation to join a company's team stays valid, in seconds.
ENTERPRISE_INVITATION_MAX_AGE = env.int("ENTERPRISE_INVITATION_MAX_AGE", default=7 * 24 * 3600)
# A verified enterprise may ask this many anonymous talents a day to reveal themselves.
CONTACT_REQUESTS_PER_DAY = env.int("CONTACT_REQUESTS_PER_DAY", default=20)
# A talent's applications in 24 hours (matching.services.applications.application_create).
APPLICATIONS_PER_DAY = env.int("APPLICATIONS_PER_DAY", default=20)

# --- Mail -----------------------------------------------------------------------------
EMAIL_URL = env.str("EMAIL_URL", default="")
if EMAIL_URL:  # e.g. smtp+tls://user:password@smtp.example.fi:587
    globals().update(env.email_url("EMAIL_URL"))
elif env.str("EMAIL_HOST", default=""):  # or the same as separate settings
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env.str("EMAIL_HOST")
    EMAIL_PORT = env.int("EMAIL_PORT", default=587)
    EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
    EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
    EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=True)
    EMAIL_USE_SSL = env.bool("EMAIL_USE_SSL", default=False)
else:
    # Written to files so that a demo user can open the verification mail.
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = env.path("EMAIL_FILE_PATH", default=VAR_DIR / "mail")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="TalentHub <noreply@talenthub.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_TIMEOUT = 10

# --- Accounts -------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "core:home"

ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {"signup": "accounts.forms.SignupForm"}
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_EMAIL_SUBJECT_PREFIX = "TalentHub: "
ACCOUNT_LOGOUT_REDIRECT_URL = "core:home"
# Changing the email address or password asks for the password again (or a TOTP code).
ACCOUNT_REAUTHENTICATION_REQUIRED = True
# Two-step sign-in with an authenticator app, and one-time recovery codes; anyone may turn it
# on, staff must before the admin or staff pages open (accounts.middleware.StaffMFAMiddleware).
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "TalentHub"
MFA_TOTP_INSECURE_BYPASS_CODE = None
# allauth's defaults stay on (sign-up, reset, login per IP); failed logins are counted per
# IP and per address: at most 10 a minute from one IP and 5 in 5 minutes for one address.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    # Ours, through allauth's limiter: the accessibility feedback form mails whoever is named.
    "accessibility_feedback": "10/h/ip,3/d/key",
}

# --- Internationalisation -------------------------------------------------------------
LANGUAGE_CODE = "en"
FORMAT_MODULE_PATH = ["talenthub.formats"]
LANGUAGES = [("en", _("English")), ("fi", _("Finnish"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Helsinki"
USE_TZ = True

# --- Static and media -----------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=VAR_DIR / "static")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
# Photos and CVs: personal data, served only through views that check permission.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=Path(MEDIA_ROOT) / "private")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# --- Security -------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Content only from this site; inline script only with the response's nonce (templates use
# `request.csp_nonce`), inline style never; no plug-ins, no <base>, no framing.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [csp.SELF],
        "script-src": [csp.SELF, csp.NONCE],
        "style-src": [csp.SELF],
        # data: for the QR code that sets up an authenticator app (allauth inlines it).
        "img-src": [csp.SELF, "data:"],
        "font-src": [csp.SELF],
        "connect-src": [csp.SELF],
        "form-action": [csp.SELF],
        "frame-ancestors": [csp.NONE],
        "object-src": [csp.NONE],
        "base-uri": [csp.NONE],
    }
}
# Browser features the service never uses, off for every page (and anything it could embed).
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}
# How many reverse proxies (TLS terminator, load balancer) stand in front of the app. Only
# then are X-Forwarded-For (the client IP that rate limits count by) and X-Forwarded-Proto
# trusted; with 0, a client could forge them.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
if TRUSTED_PROXY_COUNT:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # "__Host-": the browser keeps the cookie only if it came over HTTPS for this exact host,
    # path "/", so no subdomain can set or overwrite it.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    LANGUAGE_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)

ADMIN_URL = env.str("ADMIN_URL", default="admin/")

# How long personal data is kept (privacy.retention), in days.
RETENTION_INACTIVE_WARNING_DAYS = env.int("RETENTION_INACTIVE_WARNING_DAYS", default=365)
RETENTION_INACTIVE_HIDE_DAYS = env.int("RETENTION_INACTIVE_HIDE_DAYS", default=395)
RETENTION_UNVERIFIED_DAYS = env.int("RETENTION_UNVERIFIED_DAYS", default=7)
RETENTION_APPLICATION_DAYS = env.int("RETENTION_APPLICATION_DAYS", default=365)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}
