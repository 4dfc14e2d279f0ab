"""Settings of the integration network site, read from the environment.

Local use needs no variables at all: SQLite, the database search backend and
the local-memory cache. Production sets ``DEBUG=0`` and at least
``SECRET_KEY`` and ``ALLOWED_HOSTS``; see README.md for the full list.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy

from home import language_registry

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    """Read a yes/no environment variable ("1", "true", "yes", "on" mean yes)."""
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    """Read a comma-separated environment variable as a list without blanks."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if DEBUG:
    SECRET_KEY = SECRET_KEY or "django-insecure-local-development-key-never-used-in-production"
    ALLOWED_HOSTS = ALLOWED_HOSTS or ["localhost", "127.0.0.1", "[::1]", "testserver"]
else:
    if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("django-insecure"):
        raise ImproperlyConfigured(
            "SECRET_KEY must be set to a random value of at least 50 characters when DEBUG is "
            'off. Generate one with: python -c "from django.core.management.utils import '
            'get_random_secret_key; print(get_random_secret_key())"'
        )
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured(
            "ALLOWED_HOSTS must list the site's host names (comma-separated) when DEBUG is off."
        )

CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "home",
    "directory",
    "blog",
    "events",
    "contact",
    "network",
    "accessibility",
    "search",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
]

MIDDLEWARE = [
    # A request id for the logs and the response, and one log line per request error.
    "home.operations.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Each request reads the content's versions once; see home/cache.py.
    "home.cache.RequestVersionsMiddleware",
    # Answers anonymous visitors before any other work; see home/cache.py.
    "home.cache.AnonymousPageCacheMiddleware",
    # The request's site from those kept per content version; see home/routing.py.
    "home.routing.SiteMiddleware",
    # Compresses pages (WhiteNoise serves static files precompressed); inside the cache,
    # which keeps a compressed and a plain copy, so a hit costs no compression.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Signed-in users without a language of their own get the admin in the source language.
    "home.admin_language.AdminLanguageMiddleware",
    # Outside the middleware below, so that their answers (redirects too) carry the policy.
    "home.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "home.middleware.TranslatorLanguageMiddleware",
    "axes.middleware.AxesMiddleware",
]

if not DEBUG:
    # Static files: runserver serves them while debugging, WhiteNoise under gunicorn.
    MIDDLEWARE.insert(2, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "netsite.urls"
WSGI_APPLICATION = "netsite.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: a SQLite file by default, PostgreSQL (psycopg 3) through DATABASE_URL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Just-in-time compilation costs more than it saves on a web site's short queries.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent requests (runserver is threaded): readers do not wait for a writer (WAL),
    # a transaction takes the write lock when it begins rather than failing at its first
    # write, and a request waits up to 30 seconds for another's write to finish.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 30,
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: local memory by default, Redis through REDIS_URL.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }
else:
    # Room for the cached pages, searches and their versions: when full, local memory drops
    # a third of its entries at random, the versions too, which makes everything stale.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 10000},
        }
    }

# Signed-in users' sessions are read from the cache (from the database only when the cache
# has lost one) and written to both: a signed-in visitor's page reads no session row.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# A CDN or caching reverse proxy in front of the site: it may keep anonymous pages for
# FRONTEND_CACHE_SECONDS, and Wagtail purges a page's addresses there when it is published or
# unpublished (directory entries: their pages and the directory lists). Either an HTTP
# PURGE endpoint (Varnish, nginx, Squid) or Cloudflare.
WAGTAILFRONTENDCACHE = {}
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE["proxy"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
    }
if os.environ.get("CLOUDFLARE_BEARER_TOKEN"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": os.environ["CLOUDFLARE_BEARER_TOKEN"],
        "ZONEID": os.environ.get("CLOUDFLARE_ZONEID", ""),
    }
FRONTEND_CACHE_SECONDS = (
    int(os.environ.get("FRONTEND_CACHE_SECONDS", "60")) if WAGTAILFRONTENDCACHE else 0
)

# Search: the site search keeps its own index in the database (search/) and mirrors it to
# Elasticsearch when ELASTICSEARCH_URL is set, falling back to the database when that fails.
# The admin's search uses Wagtail's backends: the database, or Elasticsearch as well.
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
ELASTICSEARCH_INDEX = os.environ.get("ELASTICSEARCH_INDEX", "integration_network")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
if ELASTICSEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.elasticsearch9",
            "URLS": [ELASTICSEARCH_URL],
            "INDEX": ELASTICSEARCH_INDEX,
            "TIMEOUT": 5,
        },
        "database": {"BACKEND": "wagtail.search.backends.database"},
    }

# Machine translation in wagtail-localize's editor: DeepL or LibreTranslate when configured,
# otherwise none (no button). Machine-translated text carries a notice on the public site.
if os.environ.get("DEEPL_AUTH_KEY"):
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": os.environ["DEEPL_AUTH_KEY"]},
    }
elif os.environ.get("LIBRETRANSLATE_URL"):
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
        "OPTIONS": {
            "LIBRETRANSLATE_URL": os.environ["LIBRETRANSLATE_URL"],
            "API_KEY": os.environ.get("LIBRETRANSLATE_API_KEY", ""),
        },
    }

# Sign-in throttling (django-axes): after 5 failed attempts for one user name from one
# address, that pair is locked for 15 minutes. Behind a reverse proxy every visitor has the
# proxy's address; see README.md.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's model backend, with the signed-in user kept in memory (home/accounts.py).
    "home.accounts.KeptUserBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "home/login_locked.html"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: the first content language is the source language of the site. Every fact
# about a language (name, direction, stemmer, reading speed, ...) is in home/language_registry.py;
# any language listed there can be a content language.
CONTENT_LANGUAGES = env_list("CONTENT_LANGUAGES", "de,en,ar,uk,fa,ru,tr")
LANGUAGES = WAGTAIL_CONTENT_LANGUAGES = language_registry.content_languages(CONTENT_LANGUAGES)
LANGUAGE_CODE = CONTENT_LANGUAGES[0]
LANGUAGES_BIDI = language_registry.right_to_left_codes()
# The site's own strings (makemessages keeps locale/ in step with the code), then the
# translations that Wagtail's and wagtail-localize's catalogues lack for these languages.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_wagtail"]
USE_I18N = True
WAGTAIL_I18N_ENABLED = True
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/Berlin")
USE_TZ = True

# Static and media files.
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "site" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Wagtail. The admin speaks the content languages, whose catalogues the site ships (locale/,
# locale_wagtail/); a user picks one in their account, else gets the source language.
WAGTAIL_SITE_NAME = os.environ.get("WAGTAIL_SITE_NAME") or gettext_lazy("Integration network")
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Documents are served through Django, which checks a collection's privacy (the members'
# area); their files under MEDIA_ROOT/documents/ must not be served directly (see urls.py).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
# Slugs are readable ASCII, made by home/slugs.py; Wagtail keeps no other letters in them.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Security. HTTPS settings apply when DEBUG is off; each can be turned off for a
# deployment that terminates TLS differently (see README.md).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Wagtail's preview panel shows the page in a same-origin frame, so frames stay
# allowed from the site itself; Django's check would ask for DENY.
X_FRAME_OPTIONS = "SAMEORIGIN"
SILENCED_SYSTEM_CHECKS = ["security.W019"]
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # Load balancers ask for the health check over plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")

# Public forms (home/antispam.py): at most FORM_RATE_LIMIT posts per client address within
# FORM_RATE_WINDOW seconds; a form sent sooner than FORM_MIN_SECONDS after it was shown, or
# later than FORM_MAX_AGE_HOURS, is returned to the visitor to send again.
FORM_RATE_LIMIT = int(os.environ.get("FORM_RATE_LIMIT", "10"))
FORM_RATE_WINDOW = int(os.environ.get("FORM_RATE_WINDOW", "3600"))
FORM_MIN_SECONDS = int(os.environ.get("FORM_MIN_SECONDS", "3"))
FORM_MAX_AGE_HOURS = int(os.environ.get("FORM_MAX_AGE_HOURS", "24"))
# Registrations for events are personal data: `manage.py delete_old_registrations` (run it
# daily) deletes them this many days after the event's last date.
EVENT_REGISTRATION_RETENTION_DAYS = int(os.environ.get("EVENT_REGISTRATION_RETENTION_DAYS", "30"))
# Reports of barriers (accessibility/) are personal data: `manage.py delete_old_barrier_reports`
# (run it daily) deletes them this many days after they were sent.
BARRIER_REPORT_RETENTION_DAYS = int(os.environ.get("BARRIER_REPORT_RETENTION_DAYS", "180"))
# Sign-language videos (accessibility/) are uploaded to MEDIA_ROOT: at most this many bytes for a
# video and for its WebVTT captions.
SIGN_LANGUAGE_VIDEO_MAX_BYTES = int(os.environ.get("SIGN_LANGUAGE_VIDEO_MAX_BYTES", 200 * 2**20))
SIGN_LANGUAGE_CAPTIONS_MAX_BYTES = int(os.environ.get("SIGN_LANGUAGE_CAPTIONS_MAX_BYTES", 2**20))
# Comments on posts (blog/comments.py): kept this many days after they were written, then
# deleted by `delete_old_comments` (run it daily); at most COMMENT_MAX_LINKS links in one.
COMMENT_RETENTION_DAYS = int(os.environ.get("COMMENT_RETENTION_DAYS", "730"))
COMMENT_MAX_LINKS = int(os.environ.get("COMMENT_MAX_LINKS", "2"))

# The Mastodon server that a blog post's share link opens (Mastodon has no central one).
SHARE_MASTODON_HOST = os.environ.get("SHARE_MASTODON_HOST", "mastodon.social")

# Logs go to standard error, each record with the id of the request it belongs to. Each
# request that ends in an error writes one line (home/operations.py), which replaces
# Django's own request log with its tracebacks and messages.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "home.operations.RequestIdFilter"}},
    "formatters": {"line": {"format": "%(levelname)s %(name)s [%(request_id)s] %(message)s"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "line",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Every background task and every publish is logged at INFO; keep the console readable.
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        # Replaced by the line of home.requests (see above).
        "django.request": {"level": "CRITICAL"},
    },
}
