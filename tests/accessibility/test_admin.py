"""The barrier reports in the admin: listed (Wagtail's *Forms*, which adds or edits none)
for those who may edit the statement, and for nobody else."""

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from accessibility.models import BarrierReport
from network.members import members_group

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(statements):
    return BarrierReport.objects.create(
        page=statements["de"],
        form_data={
            "page_address": "/de/termine/",
            "description": "Kontrast der Filter zu schwach",
            "name": "Amal Haddad",
            "email": "amal@example.org",
        },
    )


def user_in(group_name):
    user = User.objects.create_user(group_name.lower(), password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    return user


def listing_url(report):
    return reverse("wagtailforms:list_submissions", args=[report.page_id])


@pytest.mark.parametrize("group_name", ["Editors", "Moderators"])
def test_editors_and_moderators_read_the_reports(client, report, group_name):
    client.force_login(user_in(group_name))
    assert report.page.title in client.get(reverse("wagtailforms:index")).content.decode()
    response = client.get(listing_url(report))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kontrast der Filter zu schwach" in html and "amal@example.org" in html
    assert "Beschreibung der Barriere" in html  # the column's heading


def test_the_reports_export_as_csv(admin_client, report):
    response = admin_client.get(listing_url(report) + "?export=csv")
    assert response.status_code == 200
    assert "Kontrast der Filter zu schwach" in b"".join(response.streaming_content).decode()


@pytest.mark.parametrize("signed_in", ["nobody", "member", "translator of another language"])
def test_others_do_not_see_the_reports(client, report, signed_in):
    if signed_in == "member":
        member = User.objects.create_user("member", password="x")
        member.groups.add(members_group())
        client.force_login(member)
    elif signed_in != "nobody":
        client.force_login(user_in("Translators (uk)"))
    response = client.get(listing_url(report))
    assert response.status_code in (302, 403)
    assert "Kontrast der Filter zu schwach" not in response.content.decode()
