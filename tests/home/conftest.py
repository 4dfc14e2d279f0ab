"""Fixtures of the home app's tests."""

import pytest


@pytest.fixture
def english_admin_client(admin_client, admin_user):
    """A superuser's client whose admin speaks English, the language its texts are written in
    (the admin speaks the source language to users who chose none)."""
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "en"
    profile.save()
    return admin_client
