"""Request ids, the request error log, and the answer while the database is down.

Every request gets an id: the proxy's ``X-Request-ID`` when it is a plain token,
else a new one. It is sent back in the response's ``X-Request-ID`` header and
carried by every log record written while the request runs (``RequestIdFilter``
in settings LOGGING). A request that ends in an error (status 400 and above)
writes one line to the ``home.requests`` logger: method, path, status and, for
an unexpected exception, its class and where it was raised. The line names no
visitor (no address, no query string, no user) and no exception message, which
may quote what a visitor typed; only a database error's first line is kept,
which says why the database could not answer. At ``LOG_LEVEL=DEBUG`` the full
traceback follows the line, for tracking a fault down (it may quote visitors).

While the database cannot be reached, a request that needs it gets a 503 page
in the language of its address with ``Retry-After`` (``server_error``, the
site's ``handler500``); the anonymous page cache answers before any of that
touches the database (home/cache.py). Nothing keeps a failed connection:
Django opens a new one for the next request.

Loaded by the logging configuration before the apps, so nothing here imports
models.
"""

import contextvars
import logging
import re
import sys
import traceback
import uuid
from pathlib import Path

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.views import defaults

logger = logging.getLogger("home.requests")

REQUEST_ID_HEADER = "X-Request-ID"
# A proxy's id is kept when it is a plain token (nginx's $request_id, a UUID, a trace id).
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._:=+/-]{8,128}")
DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30

current_request_id = contextvars.ContextVar("request_id", default="-")


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` (the running request's id, else "-") to every log record."""

    def filter(self, record):
        record.request_id = current_request_id.get()
        return True


def is_site_code(filename):
    path = Path(filename)
    return path.is_relative_to(settings.BASE_DIR) and "site-packages" not in path.parts


def shown_path(filename):
    """A source file's path without the machine's part: from the project's folder, or from
    the installed packages' folder."""
    path = Path(filename)
    if is_site_code(filename):
        return str(path.relative_to(settings.BASE_DIR))
    if "site-packages" in path.parts:
        return "/".join(path.parts[path.parts.index("site-packages") + 1 :])
    return path.name


def described(exception):
    """The exception's class, where it was raised and the site's last call on the way there,
    without its message; a database error's first line says why it failed."""
    text = type(exception).__name__
    if isinstance(exception, DATABASE_ERRORS):
        reason = str(exception).strip().splitlines()
        text += f" ({reason[0]})" if reason else ""
    frames = traceback.extract_tb(exception.__traceback__)
    if frames:
        raised = frames[-1]
        text += f" at {shown_path(raised.filename)}:{raised.lineno} in {raised.name}"
        site = [frame for frame in frames if is_site_code(frame.filename)]
        if site and site[-1] is not raised:
            text += f", from {shown_path(site[-1].filename)}:{site[-1].lineno} in {site[-1].name}"
    return text


class RequestIdMiddleware:
    """Gives each request its id, sends it back, and logs each request that ends in an error."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        proposed = request.headers.get(REQUEST_ID_HEADER, "")
        request.request_id = proposed if SANE_REQUEST_ID.fullmatch(proposed) else uuid.uuid4().hex
        token = current_request_id.set(request.request_id)
        try:
            response = self.get_response(request)
            response[REQUEST_ID_HEADER] = request.request_id
            if response.status_code >= 400:
                log_error(request, response)
            return response
        finally:
            current_request_id.reset(token)


def log_error(request, response):
    level = logging.ERROR if response.status_code >= 500 else logging.WARNING
    exception = getattr(request, "uncaught_exception", None)
    cause = f" {described(exception)}" if exception is not None else ""
    logger.log(level, "%s %s %s%s", request.method, request.path, response.status_code, cause)
    if exception is not None:
        logger.debug("Traceback of the error above", exc_info=exception)


def page_language(request):
    """The language of the address (``/ar/...``), else the source language."""
    return translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE


def database_unavailable(request):
    """The 503 page in the address's language; it needs nothing from the database."""
    language = page_language(request)
    with translation.override(language):
        content = loader.render_to_string("503.html", {"home_url": f"/{language}/"})
    response = HttpResponse(content, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Content-Language"] = language
    add_never_cache_headers(response)
    return response


def server_error(request):
    """The site's handler500: the 503 page when the database failed, else Django's 500 page.
    Django calls it while handling the exception, which is kept for the request's log line."""
    exception = sys.exception()
    request.uncaught_exception = exception
    if isinstance(exception, DATABASE_ERRORS):
        return database_unavailable(request)
    return defaults.server_error(request)
