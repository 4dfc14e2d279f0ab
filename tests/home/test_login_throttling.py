"""The admin's sign-in is locked for a user name and address after repeated failures."""

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"


@pytest.fixture
def editor():
    return get_user_model().objects.create_user(
        "editor-lena", password="correct horse battery", is_staff=True
    )


def sign_in(client, username, password, address="192.0.2.10"):
    return client.post(
        LOGIN,
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        HTTP_ACCEPT_LANGUAGE="en",
    )


def test_five_failures_lock_the_account_from_that_address(client, settings, editor):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = sign_in(client, "editor-lena", "wrong")
        assert response.status_code == 200  # the form again, with its error
    locked = sign_in(client, "editor-lena", "wrong")
    assert locked.status_code == 429
    assert "Too many failed sign-in attempts" in locked.content.decode()

    # Even the right password is refused now, and nobody is signed in.
    assert sign_in(client, "editor-lena", "correct horse battery").status_code == 429
    assert "_auth_user_id" not in client.session

    # Another address, or another account, is not affected.
    assert (
        sign_in(client, "editor-lena", "correct horse battery", "198.51.100.7").status_code == 302
    )


def test_a_successful_sign_in_forgets_earlier_failures(client, settings, editor):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, "editor-lena", "wrong")
    assert sign_in(client, "editor-lena", "correct horse battery").status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, "editor-lena", "wrong").status_code == 200
