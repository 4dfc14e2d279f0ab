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
"""

import hashlib
import uuid
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.middleware.gzip import re_accepts_gzip
from django.utils import timezone
from django.utils.cache import cc_delim_re, patch_cache_control

VERSION_KEY = "pages:version"
TRANSLATIONS_KEY = "translations:version"
TIMEOUT = 24 * 60 * 60

# Saving these models changes what visitors see; within them, these models do not.
CONTENT_APPS = {"home", "directory", "blog", "wagtailcore", "wagtailimages", "taggit"}
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
}
UNCACHEABLE_CONTROL = {"private", "no-cache", "no-store"}
# The admin, file downloads and the health check (which must answer when the cache fails)
# are never cached here; the search page opts out itself.
EXCLUDED_PATHS = ("/admin/", "/documents/", "/media/", "/static/", "/healthz")


def content_version():
    """A token that changes whenever published content may have changed."""
    return cache.get_or_set(VERSION_KEY, lambda: uuid.uuid4().hex, timeout=None)


def content_changed(**kwargs):
    """Start a new content version; every cached page becomes stale."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def translations_version():
    """A token that changes whenever published content or wagtail-localize's records of a
    translation (sources, segments, translated strings) may have changed."""
    found = cache.get_many([VERSION_KEY, TRANSLATIONS_KEY])  # one round trip to Redis
    content = found.get(VERSION_KEY) or content_version()
    translations = found.get(TRANSLATIONS_KEY) or cache.get_or_set(
        TRANSLATIONS_KEY, lambda: uuid.uuid4().hex, timeout=None
    )
    return f"{content}-{translations}"


def translations_changed(**kwargs):
    """Start a new translations version; cached pages stay, they show only published text."""
    cache.set(TRANSLATIONS_KEY, uuid.uuid4().hex, timeout=None)


def shows_content(model):
    meta = model._meta
    return meta.app_label in CONTENT_APPS and (meta.app_label, meta.model_name) not in (
        INTERNAL_MODELS
    )


def model_saved(sender, **kwargs):
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
