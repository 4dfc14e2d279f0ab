"""A cache of the pages anonymous visitors get, emptied whenever published content changes.

Django's per-site cache keys responses by their ``Vary`` headers, so it would keep a
copy per signed-in editor, and it cannot be told that a publish made its copies
stale. This cache serves only visitors without a session and stores a response
(compressed or not, as asked) with the site's content version: saving or deleting
a page, a directory entry, a blog author, a setting or an image (and every
directory import) starts a new version, so an edit is visible at once. The day is
part of the key, because offers end and begin on their dates.

Only the query parameters a view understood make a page worth keeping: a view marks
its answer with the query it answered (``answers_query``: the directory's filters and
page, the blog's type and page), normalised and sorted. An answer is kept only for a
request asking exactly that, and an unmarked answer only for a request without a
query, so ``?utm=<anything>`` or ``?topic=<nonsense>`` is answered but never stored
and cannot fill the cache.

With a CDN in front (``WAGTAILFRONTENDCACHE``), stored answers also say how long it may
keep them (``FRONTEND_CACHE_SECONDS``); Wagtail purges published pages there at once.

The versions (content, translations, the search's) are read once per request
(``RequestVersionsMiddleware``): a request sees one state of the content throughout, and
small lookups that every page needs are kept in each process's memory for the current
content version (``per_content_version``) instead of being read from the cache each time.
"""

import functools
import hashlib
import uuid
from contextvars import ContextVar
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.middleware.gzip import re_accepts_gzip
from django.utils import timezone
from django.utils.cache import cc_delim_re, patch_cache_control
from wagtail.models import COMMENTS_RELATION_NAME

VERSION_KEY = "pages:version"
TRANSLATIONS_KEY = "translations:version"
TIMEOUT = 24 * 60 * 60
MAX_KEPT = 1000  # results of a function kept in memory per content version
MISSING = object()

# Saving these models changes what visitors see; within them, these models do not.
CONTENT_APPS = {
    "home",
    "directory",
    "blog",
    "events",
    "network",
    "contact",
    "accessibility",
    "wagtailcore",
    "wagtailimages",
    "wagtaildocs",
    "taggit",
}
INTERNAL_MODELS = {
    ("wagtailcore", "revision"),
    ("wagtailcore", "pagelogentry"),
    ("wagtailcore", "modellogentry"),
    ("wagtailcore", "referenceindex"),
    ("wagtailcore", "workflowstate"),
    ("wagtailcore", "taskstate"),
    ("wagtailcore", "comment"),
    ("wagtailcore", "commentreply"),
    ("wagtailcore", "pagesubscription"),
    ("wagtailcore", "uploadedfile"),
    ("wagtailimages", "rendition"),
    ("home", "languageteam"),
    ("contact", "joinrequest"),
    ("accessibility", "barrierreport"),
    ("events", "eventregistration"),
    # Comments change what a post shows only when they are approved or withdrawn; the blog
    # starts a new content version then (blog/comments.py), not for every comment written.
    ("blog", "comment"),
    ("blog", "helpfulcount"),
    ("blog", "helpfulvote"),
    ("blog", "helpfulsalt"),
}
# A save of only these fields keeps an editor's draft, its comments or a lock (Wagtail's
# autosave writes one whenever an editor pauses typing): visitors see nothing new.
DRAFT_FIELDS = {
    "latest_revision",
    "latest_revision_created_at",
    "draft_title",
    "has_unpublished_changes",
    COMMENTS_RELATION_NAME,
    "locked",
    "locked_at",
    "locked_by",
}
UNCACHEABLE_CONTROL = {"private", "no-cache", "no-store"}
# The admin, file downloads and the health check (which must answer when the cache fails)
# are never cached here; the search page opts out itself.
EXCLUDED_PATHS = ("/admin/", "/documents/", "/media/", "/static/", "/healthz")


# The versions the request being served has read (cache key -> token); None outside a request.
request_versions = ContextVar("request_versions", default=None)


class RequestVersionsMiddleware:
    """Each request reads each version from the cache once, however often it asks for it.

    The versions are kept in a context variable, so every thread (gthread workers) and
    every request has its own; a change made by the request itself is seen at once.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = request_versions.set({})
        try:
            return self.get_response(request)
        finally:
            request_versions.reset(token)


def new_token():
    return uuid.uuid4().hex


def remember(key, token):
    """Keep ``token`` as the version under ``key`` for the rest of the request."""
    remembered = request_versions.get()
    if remembered is not None:
        remembered[key] = token


def versions(*keys):
    """The tokens stored under ``keys`` (a new one where there is none); in a request, each
    is read from the cache once, those not read yet in one round trip."""
    remembered = request_versions.get()
    if remembered is None:
        remembered = {}
    missing = [key for key in keys if key not in remembered]
    if missing:
        found = cache.get_many(missing)
        for key in missing:
            remembered[key] = found.get(key) or cache.get_or_set(key, new_token, timeout=None)
    return [remembered[key] for key in keys]


def version(key):
    """The token stored under ``key``, for the keys of what is cached from the data it covers."""
    return versions(key)[0]


def start_version(key):
    """Store a new token under ``key``; what was cached under the old one becomes stale."""
    token = new_token()
    cache.set(key, token, timeout=None)
    remember(key, token)


def content_version():
    """A token that changes whenever published content may have changed."""
    return version(VERSION_KEY)


def content_changed(**kwargs):
    """Start a new content version; every cached page becomes stale."""
    start_version(VERSION_KEY)


def translations_version():
    """A token that changes whenever published content or wagtail-localize's records of a
    translation (sources, segments, translated strings) may have changed."""
    return "-".join(versions(VERSION_KEY, TRANSLATIONS_KEY))


def translations_changed(**kwargs):
    """Start a new translations version; cached pages stay, they show only published text."""
    start_version(TRANSLATIONS_KEY)


def kept_per_version(version_of):
    """Decorate a function of a few hashable arguments: its results are kept in this process's
    memory until the token ``version_of()`` returns changes.

    For small lookups that (nearly) every request needs: a dictionary read instead of a
    round trip to the cache and the unpickling of its answer. The results are shared by
    every thread and request, so they must not be changed. At most ``MAX_KEPT`` are kept.
    """

    def decorate(function):
        kept = (None, {})  # (version, {arguments: result}), replaced as a whole

        @functools.wraps(function)
        def kept_result(*args):
            nonlocal kept
            current = version_of()
            kept_version, results = kept
            if kept_version != current:
                results = {}
                kept = (current, results)
            result = results.get(args, MISSING)
            if result is MISSING:
                if len(results) >= MAX_KEPT:
                    results.clear()
                result = results[args] = function(*args)
            return result

        return kept_result

    return decorate


def per_content_version(function):
    """Decorate a function of a few hashable arguments: its results are kept in this process's
    memory until the content version changes (``kept_per_version``)."""
    return kept_per_version(content_version)(function)


def shows_content(model):
    meta = model._meta
    return meta.app_label in CONTENT_APPS and (meta.app_label, meta.model_name) not in (
        INTERNAL_MODELS
    )


def model_saved(sender, update_fields=None, **kwargs):
    if update_fields is not None and update_fields <= DRAFT_FIELDS:
        return
    if shows_content(sender):
        content_changed()
    elif sender._meta.app_label == "wagtail_localize":
        translations_changed()


def connect():
    post_save.connect(model_saved, dispatch_uid="home-page-cache-save")
    post_delete.connect(model_saved, dispatch_uid="home-page-cache-delete")


def normalised_query(pairs):
    """The query string of the ``(name, value)`` pairs with a value, sorted: one spelling for
    every way of asking the same question."""
    return urlencode(sorted((name, value) for name, value in pairs if value))


def answers_query(response, params):
    """Mark ``response`` as the answer to the query ``params`` (name -> value, as the view
    understood them; empty values count as absent). The cache keeps an answer only for a
    request with exactly its query, so an unmarked answer only for a request without one."""
    response.cache_query = normalised_query(params.items())
    return response


def asked_page(request, number):
    """The ``page`` value of the query a paginated view answered: the ``number`` of the page
    it showed, if the request asked for a page."""
    return str(number) if request.GET.get("page") else ""


def request_query(request):
    """The request's query, normalised."""
    return normalised_query(
        (name, value) for name, values in request.GET.lists() for value in values
    )


def cache_key(request, query):
    """The address with its normalised ``query``, and whether the answer is compressed
    (GZipMiddleware runs inside)."""
    accepts_gzip = re_accepts_gzip.search(request.headers.get("Accept-Encoding", ""))
    address = f"{request.scheme}://{request.get_host()}{request.path}?{query}"
    digest = hashlib.sha256(f"{bool(accepts_gzip)} {address}".encode()).hexdigest()
    return f"pages:{timezone.localdate().isoformat()}:{digest}"


def is_anonymous(request):
    """True for a visitor without a session (nobody signed in, no page password given)."""
    return not {settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name} & request.COOKIES.keys()


def may_store(response):
    """Only complete, public answers that are the same for every anonymous visitor."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    control = {
        part.split("=")[0].strip().lower()
        for part in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    vary = {part.strip().lower() for part in cc_delim_re.split(response.get("Vary", ""))}
    return not (control & UNCACHEABLE_CONTROL) and vary <= {"", "cookie", "accept-encoding"}


class AnonymousPageCacheMiddleware:
    """Answers anonymous GET and HEAD requests for public pages from the cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.method not in ("GET", "HEAD")
            or not is_anonymous(request)
            or request.path.startswith(EXCLUDED_PATHS)
        ):
            return self.get_response(request)
        query = request_query(request)
        key = cache_key(request, query)
        found = cache.get_many([VERSION_KEY, key])  # one round trip to Redis
        version = found.get(VERSION_KEY) or content_version()
        remember(VERSION_KEY, version)  # the rest of the request uses this version
        stored_version, response = found.get(key, (None, None))
        if stored_version == version:
            return response
        response = self.get_response(request)
        understood = getattr(response, "cache_query", "") == query
        if request.method == "GET" and understood and may_store(response):
            if settings.FRONTEND_CACHE_SECONDS:
                patch_cache_control(response, public=True, s_maxage=settings.FRONTEND_CACHE_SECONDS)
            # Kept with the version it was made under: a change while it was made shows next time.
            cache.set(key, (version, response), TIMEOUT)
        return response
