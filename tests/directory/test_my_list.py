"""My list: the offers a visitor collects, shown from the ids in the link, in the visitor's
language, printed and as a PDF whose text reads as the page's."""

import html as html_lib
import io
import re
import unicodedata

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader
from wagtail.models import Locale

from directory import views
from directory.models import DirectoryPage, Offer
from directory.my_list import MAX_OFFERS, asked_ids

pytestmark = pytest.mark.django_db

# Demo offers whose titles in every language are words only (no digits or Latin letters
# inside right-to-left text, whose order a PDF text extractor may not keep).
LISTED = ["svc-01", "svc-04", "svc-10"]
BIDI_CONTROLS = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e"))


def list_url(language):
    page = DirectoryPage.objects.get(locale__language_code=language)
    return page.url + page.reverse_subpage("my_list")


def pdf_url(language):
    page = DirectoryPage.objects.get(locale__language_code=language)
    return page.url + page.reverse_subpage("my_list_pdf")


def demo_offers(language, ids=LISTED):
    offers = {
        offer.external_id: offer
        for offer in Offer.objects.filter(external_id__in=ids, locale__language_code=language)
    }
    return [offers[external_id] for external_id in ids]


def ids(offers):
    return ",".join(str(offer.pk) for offer in offers)


def listed_titles(response):
    """The titles of the offers on the list page, as the page shows them."""
    assert response.status_code == 200
    page = response.content.decode()
    return [
        html_lib.unescape(title)
        for title in re.findall(r'<h2[^>]*><a href="[^"]+">([^<]+)</a></h2>', page)
    ]


def test_a_german_link_opens_in_arabic_in_its_order(client):
    german = demo_offers("de")
    arabic = demo_offers("ar")
    response = client.get(list_url("ar"), {"offers": ids(reversed(german))})
    assert listed_titles(response) == [offer.title for offer in reversed(arabic)]
    page = response.content.decode()
    assert f"{list_url('ar')}?offers={ids(reversed(arabic))}" in page  # the link to share
    assert 'name="robots" content="noindex"' in page
    assert 'class="qr-code"' in page
    assert f'href="{pdf_url("ar")}?offers={ids(reversed(arabic))}"' in page


def test_an_offer_not_yet_translated_shows_in_its_original_with_its_language(client, small):
    evening = small["offers"]["t-evening", "de"]
    arabic = demo_offers("ar", ["svc-01"])[0]
    response = client.get(list_url("ar"), {"offers": f"{evening.pk},{arabic.pk}"})
    assert listed_titles(response) == ["Abendtestkurs", arabic.title]
    page = response.content.decode()
    assert '<h2 lang="de" dir="ltr"><a href="/ar/' in page
    assert f'data-offer="{evening.pk}"' in page


def test_the_list_in_german_shows_the_facts_of_each_offer(client):
    offer = demo_offers("de", ["svc-01"])[0]
    response = client.get(list_url("de"), {"offers": offer.pk})
    page = response.content.decode()
    assert listed_titles(response) == [offer.title]
    for label in ("Angeboten von", "Kosten", "Sprachen"):
        assert f"<dt>{label}</dt>" in page
    assert offer.provider.name in page
    if offer.provider.phone:
        assert offer.provider.phone in page


def test_unpublished_and_unknown_offers_are_left_out_with_a_notice(client):
    first, second, third = demo_offers("de")
    Offer.objects.filter(pk=second.pk).update(live=False)
    response = client.get(list_url("de"), {"offers": f"{first.pk},{second.pk},987654,{third.pk}"})
    assert listed_titles(response) == [first.title, third.title]
    assert "nicht mehr verfügbar" in response.content.decode()


@pytest.mark.parametrize(
    "value",
    [
        "abc",
        "-5",
        "0",
        "1e3",
        "99999999999999999999",
        "٣",
        ",,,",
        ",".join(str(number) for number in range(1, 10_001)),
        "x" * 100_000,
    ],
)
def test_odd_ids_get_a_page_and_never_an_error(client, value):
    response = client.get(list_url("de"), {"offers": value})
    assert response.status_code == 200
    assert len(response.context["offers"]) <= MAX_OFFERS
    assert client.get(pdf_url("de"), {"offers": value}).status_code == 200


def test_repeated_ids_and_versions_of_one_offer_count_once(client):
    german = demo_offers("de", ["svc-01"])[0]
    english = demo_offers("en", ["svc-01"])[0]
    response = client.get(list_url("de"), {"offers": f"{german.pk},{german.pk},{english.pk}"})
    assert listed_titles(response) == [german.title]
    assert "nicht mehr verfügbar" not in response.content.decode()


def test_the_list_is_cut_at_its_longest():
    assert asked_ids(",".join(map(str, range(1, 500)))) == list(range(1, MAX_OFFERS + 1))
    assert asked_ids("3, 3 ,x,-1,4") == [3, 4]


def count_queries(client, url, value):
    client.get(url, {"offers": value})
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, {"offers": value}).status_code == 200
    return len(queries)


def test_query_counts_do_not_grow_with_the_length_of_the_list(client):
    offers = list(Offer.objects.public().filter(locale__language_code="de")[:MAX_OFFERS])
    assert len(offers) >= 20
    for url in (list_url("ar"), pdf_url("ar")):
        short = count_queries(client, url, ids(offers[:2]))
        long = count_queries(client, url, ids(offers))
        assert long == short, url
        assert short <= 12, url


def pdf_text(response):
    """The text of the PDF, with the presentation forms of letters normalised (NFKC) and
    the direction marks an extractor may add removed."""
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="my-list.pdf"'
    reader = PdfReader(io.BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return unicodedata.normalize("NFKC", text).translate(BIDI_CONTROLS)


def assert_in_reading_order(titles, text):
    positions = [text.find(unicodedata.normalize("NFKC", title)) for title in titles]
    assert -1 not in positions, (titles, text)
    assert positions == sorted(positions), (titles, text)


def persian_offers(small):
    """Persian translations of the small directory's German offers."""
    persian = Locale.objects.get(language_code="fa")
    titles = {"t-evening": "کلاس عصر برای شاغلان", "t-course": "کلاس آزمایشی برای زنان"}
    offers = []
    for external_id, title in titles.items():
        offer = small["offers"][external_id, "de"].copy_for_translation(persian)
        offer.title = title
        offer.summary = "یک پیشنهاد برای گچ و پژوهش"
        offer.save()
        offer.save_revision().publish()
        offers.append(offer)
    return offers


@pytest.mark.parametrize("language", ["de", "ar", "uk", "fa"])
def test_the_pdf_has_the_titles_of_the_page_in_reading_order(client, small, language):
    if language == "fa":
        offers = persian_offers(small)
    else:
        offers = demo_offers(language)
    page = client.get(list_url(language), {"offers": ids(offers)})
    titles = listed_titles(page)
    assert titles == [offer.title for offer in offers]
    text = pdf_text(client.get(pdf_url(language), {"offers": ids(offers)}))
    assert_in_reading_order(titles, text)
    assert f"{list_url(language)}?offers={ids(offers)}" in text.replace("\n", "")


def test_without_the_pdf_renderer_the_page_says_so_and_printing_still_works(client, monkeypatch):
    sentence = "The PDF needs the Python package uharfbuzz."
    monkeypatch.setattr(views, "missing_renderer", lambda: sentence)
    offer = demo_offers("de", ["svc-01"])[0]
    page = client.get(list_url("de"), {"offers": offer.pk}).content.decode()
    assert sentence in page and 'my-list__pdf"' not in page
    assert 'class="my-list__print"' in page
    response = client.get(pdf_url("de"), {"offers": offer.pk})
    assert response.status_code == 503
    assert response.content.decode() == sentence


def test_offer_cards_and_the_offer_page_link_to_a_list_of_the_offer(client):
    directory = DirectoryPage.objects.get(locale__language_code="de")
    listing = client.get(directory.url)
    offer = Offer.objects.get(pk=re.search(r'data-offer="(\d+)"', listing.content.decode())[1])
    detail = client.get(directory.url + directory.reverse_subpage("offer", [offer.slug]))
    for response in (listing, detail):
        page = response.content.decode()
        assert f'href="{list_url("de")}?offers={offer.pk}" data-offer="{offer.pk}"' in page
        assert '<script src="/static/js/my-list.js" defer></script>' in page
