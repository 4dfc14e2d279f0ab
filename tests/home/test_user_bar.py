"""Wagtail's user bar on public pages: editors get it with its edit link and accessibility
checker; a member's page asks nothing about permissions and reads neither their user nor a
session row, and a change of someone's permissions or account shows at once."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from network.members import members_group
from tests.pages import uncached

pytestmark = pytest.mark.django_db


def queries_of(client, url):
    """The SQL of a request past the page cache (a query no view answers), and its page."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(uncached(url))
    assert response.status_code == 200
    return [query["sql"] for query in queries], response.content.decode()


@pytest.fixture
def member(django_user_model):
    user = django_user_model.objects.create_user("bar-member")
    user.groups.add(members_group())
    return user


def has_user_bar(client, url):
    return "<wagtail-userbar>" in client.get(url).content.decode()


def test_editors_get_the_user_bar_and_members_pay_no_query(client, django_user_model, member, demo):
    about = demo["about"]
    editor = django_user_model.objects.create_user("bar-editor")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    _sql, page = queries_of(client, about.url)
    assert "<wagtail-userbar>" in page
    assert f'href="//testserver/admin/pages/{about.pk}/edit/"' in page
    assert 'id="checker-trigger"' in page  # the accessibility checker

    client.logout()
    queries_of(client, about.url)
    anonymous, page = queries_of(client, about.url)
    assert "<wagtail-userbar>" not in page

    client.force_login(member)
    queries_of(client, about.url)
    signed_in, page = queries_of(client, about.url)
    assert "<wagtail-userbar>" not in page
    assert signed_in == anonymous


def test_a_change_of_permissions_shows_in_the_user_bar_at_once(client, member, demo):
    """Fails when the users who may use the admin are kept past a change of permissions."""
    url = demo["about"].url
    client.force_login(member)
    assert not has_user_bar(client, url)

    member.groups.add(Group.objects.get(name="Editors"))
    assert has_user_bar(client, url)
    member.groups.remove(Group.objects.get(name="Editors"))
    assert not has_user_bar(client, url)

    access = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    members_group().permissions.add(access)
    assert has_user_bar(client, url)
    members_group().permissions.remove(access)
    assert not has_user_bar(client, url)

    member.user_permissions.add(access)
    assert has_user_bar(client, url)


def signed_in_as(client, url):
    """The name of the user the site takes the visitor of ``url`` for ("" for none), past the
    page cache."""
    response = client.get(uncached(url))
    return response.wsgi_request.user.get_username() if response.wsgi_request.user else None


def test_a_deactivated_or_deleted_member_or_a_new_password_signs_out_at_once(
    client, member, django_user_model, demo
):
    """Fails when the signed-in user is kept past a change of their account."""
    url = demo["about"].url
    client.force_login(member)
    assert signed_in_as(client, url) == "bar-member"
    member.is_active = False
    member.save()
    assert signed_in_as(client, url) == ""

    member.is_active = True
    member.save()
    client.force_login(member)
    assert signed_in_as(client, url) == "bar-member"
    member.set_password("a new password of the member")
    member.save()
    assert signed_in_as(client, url) == ""

    client.force_login(member)
    assert signed_in_as(client, url) == "bar-member"
    django_user_model.objects.filter(pk=member.pk).delete()
    assert signed_in_as(client, url) == ""
