"""Network fixtures: the demo's working groups, members' area and a member."""

import pytest

LANGUAGES = ["de", "en", "ar", "uk", "fa", "ru", "tr"]


@pytest.fixture
def groups(db):
    """The German demo working groups by slug."""
    from network.models import WorkingGroupPage

    return {
        group.slug: group for group in WorkingGroupPage.objects.filter(locale__language_code="de")
    }


@pytest.fixture
def member(db, django_user_model):
    from network.members import members_group

    user = django_user_model.objects.create_user("test-member", password="x-member-pass-1")
    user.groups.add(members_group())
    return user


@pytest.fixture
def private_pages(db):
    """Every version of every page of the members' area (translations, aliases, minutes)."""
    from network.models import MembersAreaPage, MinutesPage

    pages = list(MembersAreaPage.objects.all()) + list(MinutesPage.objects.all())
    assert pages
    return pages


@pytest.fixture
def private_documents(db, settings, demo_media):
    """The documents of the members' collection, with their files where the demo put them."""
    settings.MEDIA_ROOT = demo_media
    from wagtail.documents import get_document_model

    documents = list(
        get_document_model()
        .objects.filter(collection__view_restrictions__isnull=False)
        .select_related("collection")
    )
    assert documents
    return documents
