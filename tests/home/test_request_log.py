"""Each request has an id in its response and its log line; errors are logged in one line
that names no visitor."""

import logging

import pytest
from django.conf import settings

from home.models import HomePage
from home.operations import RequestIdFilter
from tests.home.outage import database_down

pytestmark = pytest.mark.django_db


class Lines(logging.Handler):
    def __init__(self):
        super().__init__()
        self.lines = []

    def emit(self, record):
        self.lines.append(self.format(record))


@pytest.fixture
def log_lines():
    """The lines the site's console log gets, formatted as settings LOGGING says."""
    handler = Lines()
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(logging.Formatter(settings.LOGGING["formatters"]["line"]["format"]))
    logging.getLogger().addHandler(handler)
    yield handler.lines
    logging.getLogger().removeHandler(handler)


def test_every_response_carries_a_new_request_id(client, demo):
    ids = {client.get("/de/").headers["X-Request-ID"] for _ in range(3)}
    assert len(ids) == 3
    assert all(len(request_id) == 32 for request_id in ids)


def test_a_proxys_request_id_is_kept_when_it_is_a_plain_token(client, demo):
    given = "3f2b8c1e-5d7a-4c1b-9e0f-2a6d8b4c7e91"
    assert client.get("/de/", HTTP_X_REQUEST_ID=given).headers["X-Request-ID"] == given
    for odd in ["short", "with space and more", "x" * 200, "id\nINFO forged line"]:
        answered = client.get("/de/", HTTP_X_REQUEST_ID=odd).headers["X-Request-ID"]
        assert answered != odd and len(answered) == 32


def test_an_error_is_one_line_with_the_request_id_and_no_personal_data(
    client, demo, django_user_model, log_lines, monkeypatch
):
    def broken(self, request, *args, **kwargs):
        raise ValueError(f"no page for {request.GET['q']}")

    monkeypatch.setattr(HomePage, "serve", broken)
    user = django_user_model.objects.create_user("amira.haddad", password="secret-pass-1")
    client.force_login(user)
    client.raise_request_exception = False
    response = client.get("/de/?q=Amira+Haddad+Wohnung", REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 500
    request_id = response.headers["X-Request-ID"]
    lines = [line for line in log_lines if request_id in line]
    assert len(lines) == 1
    line = lines[0]
    assert line.startswith(f"ERROR home.requests [{request_id}] GET /de/ 500 ValueError at ")
    assert "tests/home/test_request_log.py" in line
    for personal in ["Amira", "Haddad", "amira.haddad", "Wohnung", "203.0.113.7"]:
        assert personal not in line


def test_the_traceback_follows_at_debug_level_only(client, demo, log_lines, monkeypatch):
    def broken(self, request, *args, **kwargs):
        raise ValueError("the page broke")

    monkeypatch.setattr(HomePage, "serve", broken)
    client.raise_request_exception = False
    site_log = logging.getLogger("home")
    try:
        for level, expected in ((logging.INFO, 1), (logging.DEBUG, 2)):
            site_log.setLevel(level)
            request_id = client.get("/de/").headers["X-Request-ID"]
            lines = [line for line in log_lines if request_id in line]
            assert len(lines) == expected
    finally:
        site_log.setLevel(logging.NOTSET)
    assert lines[1].startswith(f"DEBUG home.requests [{request_id}] Traceback of the error above")
    assert "Traceback (most recent call last)" in lines[1]
    assert 'raise ValueError("the page broke")' in lines[1]


def test_a_database_outage_is_logged_with_its_reason(client, demo, log_lines):
    client.raise_request_exception = False
    with database_down():
        response = client.get("/uk/", HTTP_X_REQUEST_ID="proxy-id-0001")
    assert response.status_code == 503
    lines = [line for line in log_lines if "proxy-id-0001" in line]
    assert len(lines) == 1
    assert lines[0].startswith(
        "ERROR home.requests [proxy-id-0001] GET /uk/ 503 OperationalError "
        '(connection to server at "127.0.0.1", port 5432 failed) at '
    )


def test_records_outside_requests_have_no_id(log_lines):
    logging.getLogger("home").warning("A check without a request")
    assert log_lines == ["WARNING home [-] A check without a request"]
