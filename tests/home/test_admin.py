"""Editors reach the page editor, the footer text and the network settings."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_admin_screens_open_for_a_superuser(admin_client, demo):
    from home.models import FooterText

    footer = FooterText.objects.get(locale__language_code="de")
    urls = [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_pages:edit", args=[demo["about"].pk]),
        reverse("wagtailadmin_pages:add", args=["home", "contentpage", demo["about"].pk]),
        reverse("wagtailsnippets_home_footertext:list"),
        reverse("wagtailsnippets_home_footertext:edit", args=[footer.pk]),
        reverse("wagtailsettings:edit", args=["home", "networksettings"]),
    ]
    for url in urls:
        response = admin_client.get(url, follow=True)
        assert response.status_code == 200, url


def test_page_preview_renders(admin_client, demo):
    url = reverse("wagtailadmin_pages:view_draft", args=[demo["coordination"].pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    assert demo["coordination"].title in response.content.decode()
