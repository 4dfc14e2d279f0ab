"""The form for reporting barriers: stored before any mail, kept on errors, protected
against spam like the site's other forms, never cached."""

import pytest
from django.core import mail

from accessibility.models import BarrierReport
from home.antispam import HONEYPOT_FIELD, TIMESTAMP_FIELD
from home.cache import may_store

from . import recording_mail

pytestmark = pytest.mark.django_db


def test_a_report_is_stored_before_the_editors_are_mailed(
    client, statements, report_data, settings
):
    settings.EMAIL_BACKEND = "tests.accessibility.recording_mail.EmailBackend"
    recording_mail.stored_when_sent.clear()
    response = client.post(statements["ar"].url, report_data)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in html and "ستة أسابيع" in html  # the thanks
    report = BarrierReport.objects.get()
    assert report.page_id == statements["ar"].pk
    assert report.form_data == {
        key: value for key, value in report_data.items() if key != TIMESTAMP_FIELD
    }
    assert recording_mail.stored_when_sent == [1]
    [message] = mail.outbox
    assert message.to == ["integration@lindental.example"]
    assert message.reply_to == ["amal@example.org"]
    # the editors read the report in the source language, whatever the visitor's
    assert "Beschreibung der Barriere: Die Filter der Terminliste" in message.body


def test_a_report_without_name_or_e_mail_is_stored_and_mailed(client, statements, report_data):
    report_data.update(name="", email="")
    client.post(statements["de"].url, report_data)
    assert BarrierReport.objects.get().form_data["email"] == ""
    [message] = mail.outbox
    assert message.reply_to == []


def test_a_failing_mail_server_loses_no_report(client, statements, report_data, settings):
    settings.EMAIL_BACKEND = "tests.contact.failing_mail.EmailBackend"
    response = client.post(statements["de"].url, report_data)
    assert response.status_code == 200 and "Vielen Dank" in response.content.decode()
    assert BarrierReport.objects.get().form_data["name"] == "Amal Haddad"


def test_errors_keep_what_the_visitor_typed_and_link_to_the_fields(client, statements, report_data):
    report_data.update(description="", email="amal-at-example")
    response = client.post(statements["uk"].url, report_data)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="uk" dir="ltr">' in html
    summary = html.split('<div class="form-errors" role="alert">')[1].split("</div>")[0]
    assert '<a href="#id_description">Опис бар' in summary
    assert '<a href="#id_email">' in summary
    assert 'value="https://lindental.example/de/termine/"' in html
    assert 'value="Amal Haddad"' in html and 'value="amal-at-example"' in html
    assert 'action="/uk/accessibility/#feedback"' in html
    assert not BarrierReport.objects.exists() and not mail.outbox


def test_a_filled_honeypot_stores_nothing(client, statements, report_data):
    report_data[HONEYPOT_FIELD] = "http://spam.example"
    html = client.post(statements["de"].url, report_data).content.decode()
    assert "weil ein Feld für automatische Prüfungen ausgefüllt war" in html
    assert "Die Filter der Terminliste" in html  # the visitor's text is kept
    assert not BarrierReport.objects.exists() and not mail.outbox


def test_a_form_sent_at_once_stores_nothing(client, statements, report_data):
    del report_data[TIMESTAMP_FIELD]
    shown = client.get(statements["de"].url).content.decode()
    stamp = shown.split(f'name="{TIMESTAMP_FIELD}" value="')[1].split('"')[0]
    html = client.post(statements["de"].url, report_data | {TIMESTAMP_FIELD: stamp})
    assert "sehr schnell nach dem Öffnen gesendet" in html.content.decode()
    assert not BarrierReport.objects.exists() and not mail.outbox


def test_too_many_reports_from_one_address_get_429(client, statements, report_data, settings):
    settings.FORM_RATE_LIMIT = 2
    for _ in range(2):
        assert client.post(statements["de"].url, report_data).status_code == 200
    response = client.post(statements["de"].url, report_data)
    assert response.status_code == 429
    assert "Die Filter der Terminliste" in response.content.decode()
    assert BarrierReport.objects.count() == 2


def test_the_statement_with_its_form_is_never_cached(client, statements):
    first = client.get(statements["de"].url)
    second = client.get(statements["de"].url)
    assert not may_store(first) and not may_store(second)
    assert "no-cache" in second["Cache-Control"] or "private" in second["Cache-Control"]
    assert first.content != second.content  # each carries its own token


def test_the_form_names_the_page_the_visitor_came_from(client, statements):
    came_from = "http://testserver/de/termine/?kind=conference"
    html = client.get(statements["de"].url, HTTP_REFERER=came_from).content.decode()
    assert (
        '<input type="text" name="page_address" '
        'value="http://testserver/de/termine/?kind=conference" dir="auto"'
    ) in html


@pytest.mark.parametrize(
    "referer", ["https://elsewhere.example/de/termine/", "http://testserver/de/barrierefreiheit/"]
)
def test_another_site_or_the_statement_itself_is_not_named(client, statements, referer):
    html = client.get(statements["de"].url, HTTP_REFERER=referer).content.decode()
    assert '<input type="text" name="page_address" dir="auto"' in html  # no value
