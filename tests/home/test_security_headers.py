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


def test_signed_in_editors_get_no_policy_that_would_break_the_admin(admin_client, demo):
    assert "Content-Security-Policy" not in admin_client.get("/admin/").headers
    assert "Content-Security-Policy" not in admin_client.get("/de/").headers
