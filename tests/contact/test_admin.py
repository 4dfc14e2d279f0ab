"""Join requests in the admin: listed with the forms, turned into a draft actor once."""

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse
from wagtail.models import ModelLogEntry

from contact.conversion import CONVERTED
from contact.models import JoinRequest
from directory.models import Actor

pytestmark = pytest.mark.django_db


@pytest.fixture
def join_request(join_pages, join_data):
    data = {key: value for key, value in join_data.items() if key != "form_shown"}
    data["consent"] = True
    return JoinRequest.objects.create(page=join_pages["uk"], form_data=data)


def create_url(join_request):
    return reverse("contact:create_actor", args=[join_request.pk])


def test_the_forms_listing_shows_the_requests_with_their_action(admin_client, join_request):
    assert (
        join_request.page.title in admin_client.get(reverse("wagtailforms:index")).content.decode()
    )
    listing = admin_client.get(
        reverse("wagtailforms:list_submissions", args=[join_request.page_id])
    )
    html = listing.content.decode()
    assert "Nachbarschaftshilfe Auental e. V." in html
    assert create_url(join_request) in html


def test_a_request_becomes_one_unpublished_actor_with_a_log_entry(
    admin_client, admin_user, join_request
):
    confirm = admin_client.get(create_url(join_request))
    assert confirm.status_code == 200 and "Olena Kovalenko" in confirm.content.decode()
    response = admin_client.post(create_url(join_request))
    actor = Actor.objects.get(name="Nachbarschaftshilfe Auental e. V.")
    assert response.status_code == 302
    assert not actor.live and actor.has_unpublished_changes and actor.latest_revision
    assert actor.locale.language_code == "de"
    assert actor.kind == "association" and actor.email == "olena@auental.example"
    assert actor.summary.startswith("Sprachcafé jeden Dienstag")
    [contact] = actor.contacts.all()
    assert contact.name == "Olena Kovalenko" and not contact.is_public
    join_request.refresh_from_db()
    assert join_request.actor == actor and join_request.converted_by == admin_user
    entry = ModelLogEntry.objects.get(action=CONVERTED)
    assert entry.object_id == str(actor.pk) and entry.data["join_request"] == join_request.pk
    # The listing now links to the actor instead of offering the action again.
    listing = admin_client.get(
        reverse("wagtailforms:list_submissions", args=[join_request.page_id])
    ).content.decode()
    assert create_url(join_request) not in listing


def test_a_second_conversion_is_refused(admin_client, join_request):
    admin_client.post(create_url(join_request))
    again = admin_client.post(create_url(join_request))
    assert again.status_code == 302
    assert Actor.objects.filter(name="Nachbarschaftshilfe Auental e. V.").count() == 1
    assert ModelLogEntry.objects.filter(action=CONVERTED).count() == 1


def test_two_requests_of_the_same_name_get_two_slugs(admin_client, join_request):
    other = JoinRequest.objects.create(page=join_request.page, form_data=join_request.form_data)
    admin_client.post(create_url(join_request))
    admin_client.post(create_url(other))
    slugs = set(
        Actor.objects.filter(name="Nachbarschaftshilfe Auental e. V.").values_list(
            "slug", flat=True
        )
    )
    assert len(slugs) == 2


def test_someone_who_may_not_add_actors_gets_403(client, join_request):
    translator = User.objects.create_user("translator", password="x", is_staff=True)
    translator.groups.add(Group.objects.get(name="Translators"))
    client.force_login(translator)
    response = client.post(create_url(join_request))
    assert response.status_code in (302, 403)  # Wagtail's admin turns a 403 into a redirect
    assert response.status_code == 403 or response["Location"] == reverse("wagtailadmin_home")
    assert not Actor.objects.filter(name="Nachbarschaftshilfe Auental e. V.").exists()


def test_editors_open_both_form_pages_in_the_admin(admin_client, join_pages):
    from contact.models import ContactFormPage

    contact = ContactFormPage.objects.get(locale__language_code="de")
    for page in (join_pages["de"], contact):
        response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert response.status_code == 200
    assert "form_fields-TOTAL_FORMS" in response.content.decode()
