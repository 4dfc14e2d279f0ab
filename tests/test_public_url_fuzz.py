"""Random input in every public address and parameter gets an answer, never a server error.

Hypothesis builds the addresses from the site's real language prefixes,
section slugs, filter values and slugs, mixed with odd text: control
characters, NUL bytes, very long strings, huge and negative numbers,
right-to-left text and repeated parameters. The site search's query text is
fuzzed in tests/search; here it is everything else, including the search's
facets and paging in every language.

The database refuses text with a NUL character while these requests run, as
PostgreSQL does, so such a 500 shows up on SQLite too.
"""

from urllib.parse import quote, urlencode

import pytest
from django.conf import settings as django_settings
from django.db import DataError, connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

ANSWERS = {200, 301, 302, 400, 404}

ODD_VALUES = [
    "",
    " ",
    "\x00",
    "abc\x00def",
    "\x1b[31m\r\n\t",
    "-1",
    "0",
    "00",
    "1.5",
    "1e9",
    "NaN",
    "-inf",
    str(2**63),
    str(-(2**63) - 1),
    "9" * 5000,
    "٣",
    "𝟚",
    "\u202eevil\u202c",
    "سكن",
    "житло",
    "𝕂🦜",
    "../../etc/passwd",
    "%00",
    "%",
    "' OR 1=1 --",
    '"; DROP TABLE x; --',
    "<script>alert(1)</script>",
    "{{ 7*7 }}",
    "x" * 10000,
]
FILTER_NAMES = [
    "topic",
    "target_group",
    "place",
    "language",
    "kind",
    "free",
    "sort",
    "page",
    "type",
    "q",
    "locale",
    "p",
    "date",
]


def any_text(max_size):
    """Any text a browser can send: every character but lone surrogates."""
    return st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=max_size)


def odd_text():
    """Text that a form would never send: control characters, numbers, scripts, lengths."""
    return st.one_of(
        st.sampled_from(ODD_VALUES),
        any_text(40),
        st.integers().map(str),
        st.text(alphabet="\x00\x01\x7f\u200f\u202e ", max_size=10),
    )


@pytest.fixture
def site_words(db):
    """The real values of the demo site that addresses and filters are built from."""
    from taggit.models import Tag
    from wagtail.models import Page

    from blog.models import Author, BlogIndexPage
    from directory.models import (
        LANGUAGE_CODES,
        Actor,
        DirectoryPage,
        Offer,
        Place,
        TargetGroup,
        Topic,
    )

    def first(queryset, field, n=5):
        return list(queryset.order_by("pk").values_list(field, flat=True).distinct()[:n])

    def section(model):
        """The slug of the section page ``model`` in each language that has it."""
        return {page.locale.language_code: page.slug for page in model.objects.live()}

    return {
        "languages": [code for code, _name in django_settings.LANGUAGES],
        "directory": section(DirectoryPage),
        "blog": section(BlogIndexPage),
        "pages": [page.url for page in Page.objects.live().filter(depth__gte=2).order_by("pk")],
        "topic": first(Topic.objects.all(), "slug", 10),
        "target_group": first(TargetGroup.objects.all(), "slug"),
        "place": first(Place.objects.all(), "slug"),
        "language": sorted(LANGUAGE_CODES),
        "kind": [kind for kind, _label in Actor.Kind.choices],
        "sort": ["title", "newest", "name", "place"],
        "type": ["offer", "actor", "post", "page", "news", "article", "event_report"],
        "free": ["1", "on", "true"],
        "offer": first(Offer.objects.all(), "slug"),
        "actor": first(Actor.objects.all(), "slug"),
        "author": first(Author.objects.all(), "slug"),
        "tag": first(Tag.objects.all(), "slug"),
        "feed": ["rss", "atom"],
    }


def refuse_nul(execute, sql, params, many, context):
    """Refuse what PostgreSQL refuses: a text parameter with a NUL character."""
    rows = params if many else [params]
    for row in rows:
        values = row.values() if isinstance(row, dict) else row or ()
        if any(isinstance(value, str) and "\x00" in value for value in values):
            raise DataError("A text parameter contains a NUL character.")
    return execute(sql, params, many, context)


def fetch(client, path, params=None):
    """GET ``path`` with ``params`` (a value may be a list: a repeated parameter)."""
    query = urlencode(params or {}, doseq=True)
    with connection.execute_wrapper(refuse_nul):
        response = client.get(f"{path}?{query}" if query else path)
    assert response.status_code in ANSWERS, (path, params, response.status_code)
    return response


def segment(text):
    """``text`` as one segment of a path."""
    return quote(text, safe="")


def real_or_odd(data, words, name):
    """Mostly a real value of ``name``, else odd text."""
    if data.draw(st.integers(min_value=0, max_value=2), label=f"odd {name}") == 0:
        return data.draw(odd_text(), label=name)
    return data.draw(st.sampled_from(words[name]), label=name)


def draw_params(data, words, names):
    """A query of some of ``names`` (and odd names), with real, odd and repeated values."""
    params = {}
    for name in data.draw(st.lists(st.sampled_from(names), max_size=4, unique=True)):
        value = real_or_odd(data, words, name) if name in words else data.draw(odd_text())
        if data.draw(st.booleans()):
            value = [value, real_or_odd(data, words, name) if name in words else "1"]
        params[name] = value
    if data.draw(st.booleans()):
        params[data.draw(odd_text(), label="odd name")] = data.draw(odd_text())
    return params


def draw_language(data, words):
    """Mostly a language of the site, else an unknown or odd prefix."""
    odd = st.one_of(
        st.sampled_from(["xx", "DE", "de-at", "zh-hans", "ü", "ع", "en_GB", "-", "..", ""]),
        any_text(6).map(segment),
    )
    if data.draw(st.integers(min_value=0, max_value=3), label="odd language") == 0:
        return data.draw(odd, label="language")
    return data.draw(st.sampled_from(words["languages"]), label="language")


def draw_section(data, words, name):
    """The address of a section page (directory, blog) in a drawn language, or an odd one."""
    language = draw_language(data, words)
    slugs = words[name]
    slug = slugs.get(language) or data.draw(st.sampled_from(sorted(slugs.values())))
    if data.draw(st.integers(min_value=0, max_value=5), label=f"odd {name}") == 0:
        slug = segment(data.draw(odd_text(), label=name))
    return f"/{language}/{slug}/"


FUZZ = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@FUZZ
@given(data=st.data())
def test_language_prefixes_and_page_addresses(client, site_words, data):
    if data.draw(st.booleans(), label="real page"):
        address = data.draw(st.sampled_from(site_words["pages"]), label="page")
    else:
        parts = data.draw(st.lists(odd_text().map(segment), max_size=3), label="path")
        address = "/" + "".join(f"{part}/" for part in [draw_language(data, site_words), *parts])
    params = draw_params(data, site_words, ["page", "preview", "q", "lang"])
    fetch(client, address, params)


@FUZZ
@given(data=st.data())
def test_directory_lists_detail_pages_and_api(client, site_words, data):
    base = draw_section(data, site_words, "directory")
    params = draw_params(data, site_words, FILTER_NAMES)
    fetch(client, base, params)
    fetch(client, base + "actors/", params)
    for route in ("offer", "actor"):
        slug = real_or_odd(data, site_words, route)
        fetch(client, f"{base}{route}s/{segment(slug)}/", params)
    for api in ("/api/directory/offers/", "/api/directory/actors/"):
        api_params = dict(params)
        if data.draw(st.booleans(), label="real locale"):
            api_params["locale"] = data.draw(st.sampled_from(site_words["languages"]))
        fetch(client, api, api_params)


@FUZZ
@given(data=st.data())
def test_blog_lists_archives_and_feeds(client, site_words, data):
    base = draw_section(data, site_words, "blog")
    params = draw_params(data, site_words, ["type", "page"])
    fetch(client, base, params)
    for archive, words in (("authors", "author"), ("topics", "topic"), ("tags", "tag")):
        fetch(client, f"{base}{archive}/{segment(real_or_odd(data, site_words, words))}/", params)
    kind = segment(real_or_odd(data, site_words, "feed"))
    topic = segment(real_or_odd(data, site_words, "topic"))
    fetch(client, f"{base}feed/{kind}/", params)
    fetch(client, f"{base}topics/{topic}/feed/{kind}/", params)


@FUZZ
@given(data=st.data())
def test_search_facets_paging_and_suggestions_in_every_language(client, site_words, data):
    language = draw_language(data, site_words)
    params = draw_params(
        data, site_words, ["type", "topic", "place", "language", "target_group", "page"]
    )
    params["q"] = data.draw(
        st.one_of(st.sampled_from(["Beratung", "Kurs", "سكن", "житло", "a", ""]), odd_text()),
        label="q",
    )
    fetch(client, f"/{language}/search/", params)
    fetch(client, f"/{language}/search/suggest/", params)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(page=st.one_of(odd_text(), st.integers(min_value=-3, max_value=3).map(str)))
def test_sitemap_robots_and_favicon(client, page):
    fetch(client, "/sitemap.xml", {"p": page})
    fetch(client, "/robots.txt", {"p": page})
    fetch(client, "/favicon.ico", {"p": page})


def test_nul_in_a_parameter_reaches_no_query(client):
    """The guard above is real: a NUL that reaches the database fails the request."""
    from wagtail.models import Locale

    with connection.execute_wrapper(refuse_nul), pytest.raises(DataError):
        Locale.objects.filter(language_code="d\x00e").exists()
    assert fetch(client, "/api/directory/offers/", {"locale": "d\x00e"}).status_code == 400
    assert fetch(client, "/api/directory/offers/", {"locale": "de"}).json()["count"] > 0
