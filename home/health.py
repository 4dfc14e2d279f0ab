"""The health check for the load balancer: ``/healthz``.

Each check is a function that raises (or returns False) when its part of the site
cannot serve: the database and the cache here, the search backend registered by the
search app (``register``). The answer is 200 with "ok" when all pass, else 503, with
one line per check saying "ok" or "fail"; the reasons go to the log, never to the
public. It is never cached, needs no session and has no language prefix.
"""

import logging
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.views.decorators.cache import never_cache

from .operations import described

logger = logging.getLogger(__name__)


def database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def shared_cache():
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, True, timeout=10)
    try:
        return cache.get(key) is True
    finally:
        cache.delete(key)


CHECKS = {"database": database, "cache": shared_cache}


def register(name, check):
    """Add ``check`` (a function that raises or returns False on failure) as ``name``."""
    CHECKS[name] = check


def passes(name, check):
    try:
        if check() is not False:
            return True
        logger.warning("Health check %s failed", name)
    except Exception as error:
        logger.warning("Health check %s failed: %s", name, described(error))
    return False


@never_cache
def healthz(request):
    """200 "ok" when every check passes, else 503 "fail"; each check's state below."""
    states = {name: passes(name, check) for name, check in CHECKS.items()}
    healthy = all(states.values())
    lines = ["ok" if healthy else "fail"]
    lines += [f"{name}: {'ok' if passed else 'fail'}" for name, passed in states.items()]
    return HttpResponse(
        "\n".join(lines) + "\n",
        status=200 if healthy else 503,
        content_type="text/plain; charset=utf-8",
    )
