"""Public pages as a visitor gets them past the anonymous page cache."""

from itertools import count

REQUESTS = count()


def uncached(url):
    """``url`` with a query parameter no view answers: the page cache keeps nothing of it."""
    return f"{url}{'&' if '?' in url else '?'}uncached={next(REQUESTS)}"


def shown(client, url):
    """The page at ``url`` past the page cache, as the second visitor after a change, or a
    signed-in one, gets it."""
    response = client.get(uncached(url))
    assert response.status_code == 200, url
    return response.content.decode()
