"""Public pages forbid inline and foreign code; the admin keeps working."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path", ["/de/", "/ar/angebote/", "/de/search/?q=Wohnung", "/de/aktuelles/", "/uk/nope/"]
)
def test_public_pages_send_a_strict_content_security_policy(client, demo, path):
    response = client.get(path)
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "object-src 'none'" in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_signed_in_editors_get_the_policy_on_public_pages_but_not_in_the_admin(admin_client, demo):
    """Wagtail's admin needs inline scripts; its user bar on public pages does not."""
    assert "Content-Security-Policy" not in admin_client.get("/admin/").headers
    for path in ["/de/", "/ar/", "/de/angebote/", "/de/aktuelles/"]:
        response = admin_client.get(path)
        assert "<wagtail-userbar>" in response.content.decode()
        policy = response.headers["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "style-src 'self'" in policy
        assert "unsafe-inline" not in policy and "object-src 'none'" in policy
