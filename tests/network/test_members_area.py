"""The members' area: only network members see its pages and download its documents, and
nothing of it reaches the search, the sitemap, the feeds or the API."""

import pytest
from django.core.management import call_command
from wagtail.models import Page, PageViewRestriction

from network.members import MEMBERS_GROUP
from network.models import MembersAreaPage, MinutesPage
from search.models import SearchDocument

pytestmark = pytest.mark.django_db


def is_login_redirect(response):
    return response.status_code == 302 and "/_util/login/" in response["Location"]


def minutes_texts():
    """A sentence of the demo's minutes that no public page has."""
    return "Zwölf Familien suchen eine Wohnung"


def test_the_members_group_comes_from_a_migration():
    from django.contrib.auth.models import Group

    assert Group.objects.filter(name=MEMBERS_GROUP).exists()


def test_every_private_page_sends_anonymous_visitors_to_the_login(client, private_pages):
    assert {page.locale.language_code for page in private_pages} == {
        "de",
        "en",
        "ar",
        "uk",
        "fa",
        "ru",
        "tr",
    }
    for page in private_pages:
        response = client.get(page.get_url())
        assert is_login_redirect(response), page.url_path
        assert minutes_texts() not in response.content.decode()


def test_the_login_page_says_what_the_area_is_and_how_to_get_access(client, private_pages):
    area = MembersAreaPage.objects.get(locale__language_code="de")
    response = client.get(area.get_url(), follow=True)
    text = response.content.decode()
    assert response.status_code == 200
    assert "nur für Mitglieder des Netzwerks" in text
    assert "Koordinierungsstelle" in text
    assert minutes_texts() not in text


def test_a_signed_in_visitor_who_is_no_member_is_refused(client, django_user_model, private_pages):
    user = django_user_model.objects.create_user("visitor", password="x-visitor-pass-1")
    client.force_login(user)
    for page in private_pages:
        assert is_login_redirect(client.get(page.get_url())), page.url_path


def test_a_member_reads_the_minutes_in_every_language(client, member, private_pages):
    client.force_login(member)
    for page in private_pages:
        response = client.get(page.get_url())
        assert response.status_code == 200, page.url_path
    minutes = MinutesPage.objects.get(slug="protokoll-ag-wohnen", locale__language_code="de")
    assert minutes_texts() in client.get(minutes.get_url()).content.decode()
    area = MembersAreaPage.objects.get(locale__language_code="ar")
    text = client.get(area.get_url()).content.decode()
    assert "Protokoll der Arbeitsgruppe Wohnen" in text
    assert "Mitgliederliste des Netzwerks" in text


def test_private_documents_are_not_downloadable_anonymously(client, private_documents, settings):
    assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"
    for document in private_documents:
        content = document.file.open("rb").read()
        document.file.close()
        response = client.get(document.url)
        assert is_login_redirect(response), document.url
        direct = client.get(f"{settings.MEDIA_URL}{document.file.name}", follow=True)
        assert direct.status_code == 404
        assert content not in b"".join(getattr(direct, "streaming_content", [direct.content]))


def test_a_member_downloads_the_private_documents(client, member, private_documents):
    client.force_login(member)
    for document in private_documents:
        response = client.get(document.url)
        assert response.status_code == 200
        assert b"intern" in b"".join(response.streaming_content)


def test_a_new_members_area_is_private_at_once(groups):
    from wagtail.models import Site

    area = MembersAreaPage.objects.get(locale__language_code="de")
    area.delete()
    home = Site.objects.get(is_default_site=True).root_page
    page = home.add_child(instance=MembersAreaPage(title="Intern", slug="intern"))
    restriction = PageViewRestriction.objects.get(page=page)
    assert restriction.restriction_type == PageViewRestriction.GROUPS
    assert [group.name for group in restriction.groups.all()] == [MEMBERS_GROUP]


def test_the_search_never_shows_the_members_area(client, private_pages):
    call_command("rebuild_search", verbosity=0)
    private_ids = {page.pk for page in private_pages}
    assert not SearchDocument.objects.filter(object_id__in=private_ids, kind="page").filter(
        url__in=[page.get_url() for page in private_pages]
    )
    for language in ("de", "en"):
        for query in ("Protokoll", "Mitgliederliste", "Familien Wohnung"):
            text = client.get(f"/{language}/search/", {"q": query}).content.decode()
            assert "Protokoll der Arbeitsgruppe" not in text
            assert "/mitgliederbereich/" not in text and "/members-area/" not in text


def test_the_sitemap_lists_the_groups_but_not_the_members_area(client, groups):
    text = client.get("/sitemap.xml").content.decode()
    assert "/de/arbeitsgruppen/ag-wohnen/" in text
    assert "mitgliederbereich" not in text and "members-area" not in text
    assert "protokoll" not in text


def test_feeds_and_the_api_never_show_the_members_area(client, private_pages):
    from blog.models import BlogIndexPage

    addresses = ["/api/directory/offers/", "/api/directory/actors/"]
    for blog in BlogIndexPage.objects.live():
        addresses += [blog.get_url() + "feed/rss/", blog.get_url() + "feed/atom/"]
    titles = {page.title for page in private_pages}
    for address in addresses:
        response = client.get(address)
        assert response.status_code == 200, address
        text = response.content.decode()
        assert not [title for title in titles if title in text], address
        assert "mitgliederbereich" not in text and "members-area" not in text


def test_private_pages_are_never_kept_for_anonymous_visitors(client, member, private_pages):
    minutes = MinutesPage.objects.get(slug="protokoll-ag-wohnen", locale__language_code="de")
    member_client = client.__class__()
    member_client.force_login(member)
    assert member_client.get(minutes.get_url()).status_code == 200
    assert is_login_redirect(client.get(minutes.get_url()))
    assert Page.objects.get(pk=minutes.pk).get_view_restrictions()
