"""Counting the distinct visitors who search for something, without keeping who they are.

For one day a visitor is known by a hash of their address and browser with a random
salt of that day. The salt and the hashes are kept only in the cache, and only for
that day; the database keeps no more than the number of distinct visitors who
searched for a query on a day. After the day, nothing links a search to a visitor.
"""

import hashlib
import secrets

from django.core.cache import cache
from django.utils import timezone

DAY = 24 * 60 * 60


def todays_salt():
    """The random salt of today, the same for all requests sharing the cache."""
    key = f"search:visitor-salt:{timezone.localdate().isoformat()}"
    cache.add(key, secrets.token_hex(32), timeout=DAY)
    return cache.get(key, "")


def pseudonym(request):
    """Today's pseudonym of the visitor who made ``request``."""
    visitor = f"{request.META.get('REMOTE_ADDR', '')}\n{request.META.get('HTTP_USER_AGENT', '')}"
    return hashlib.sha256(f"{todays_salt()}\n{visitor}".encode()).hexdigest()


def first_time_today(visitor, *searched):
    """Whether ``visitor`` (a pseudonym) searches for ``searched`` for the first time today."""
    if not visitor:
        return False
    what = hashlib.sha256("\n".join(str(part) for part in searched).encode()).hexdigest()
    key = f"search:visitor-seen:{timezone.localdate().isoformat()}:{what}:{visitor}"
    return cache.add(key, True, timeout=DAY)
