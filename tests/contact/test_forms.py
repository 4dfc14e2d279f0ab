"""The public join and contact forms: stored before mailing, protected, in every language."""

import pytest
from django.core import mail

from contact.models import JoinRequest
from home.antispam import HONEYPOT_FIELD, TIMESTAMP_FIELD
from home.cache import may_store
from tests.forms import shown_a_minute_ago

pytestmark = pytest.mark.django_db
LANGUAGES = ["de", "en", "ar", "uk", "fa", "ru", "tr"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_join_form_shows_in_every_language_with_lang_and_dir(
    client, join_pages, language, django_assert_max_num_queries
):
    page = join_pages[language]
    with django_assert_max_num_queries(30):
        response = client.get(page.url)
    html = response.content.decode()
    direction = "rtl" if language in ("ar", "fa") else "ltr"
    assert f'<html lang="{language}" dir="{direction}">' in html
    for name in ("organisation", "kind", "contact_person", "email", "offers", "consent"):
        assert f'name="{name}"' in html
    assert 'name="csrfmiddlewaretoken"' in html and f'name="{TIMESTAMP_FIELD}"' in html


def test_a_form_with_its_csrf_token_is_never_cached(client, join_pages):
    first = client.get(join_pages["de"].url)
    second = client.get(join_pages["de"].url)  # with a CSRF cookie, still anonymous
    assert not may_store(first) and not may_store(second)
    assert "no-cache" in second["Cache-Control"] or "private" in second["Cache-Control"]
    assert first.content != second.content  # each got a token of its own


def test_a_join_request_is_stored_and_mailed_to_the_office_in_german(client, join_pages, join_data):
    response = client.post(join_pages["ar"].url, join_data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "شكرًا لكم" in html and "أسبوعين" in html  # thanks and the page's text, in Arabic
    request = JoinRequest.objects.get()
    assert request.page_id == join_pages["ar"].pk
    assert request.form_data["organisation"] == join_data["organisation"]
    assert set(request.form_data) == {
        "organisation",
        "kind",
        "contact_person",
        "email",
        "offers",
        "consent",
    }
    [message] = mail.outbox
    assert message.to == ["integration@lindental.example"]
    assert message.reply_to == ["olena@auental.example"]
    assert "Name Ihrer Organisation: Nachbarschaftshilfe Auental e. V." in message.body


def test_a_failing_mail_server_loses_nothing(client, join_pages, join_data, settings):
    settings.EMAIL_BACKEND = "tests.contact.failing_mail.EmailBackend"
    response = client.post(join_pages["de"].url, join_data)
    assert response.status_code == 200
    assert "Vielen Dank" in response.content.decode()
    assert JoinRequest.objects.get().form_data["email"] == "olena@auental.example"


def test_errors_are_in_the_visitors_language_and_keep_what_they_typed(
    client, join_pages, join_data
):
    del join_data["consent"]
    join_data["email"] = "olena-at-auental"
    response = client.post(join_pages["uk"].url, join_data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "без вашої згоди" in html  # the consent's message in Ukrainian
    assert "Введіть коректну адресу електронної пошти." in html or "електронної пошти" in html
    assert 'value="Nachbarschaftshilfe Auental e. V."' in html
    assert "Hilfe bei Behördengängen auf Ukrainisch" in html
    assert 'value="olena-at-auental"' in html
    assert not JoinRequest.objects.exists() and not mail.outbox


def test_a_filled_honeypot_stores_nothing_and_sends_nothing(client, join_pages, join_data):
    join_data[HONEYPOT_FIELD] = "https://casino.example"
    response = client.post(join_pages["fa"].url, join_data)
    html = response.content.decode()
    assert "فیلدی که برای بررسی خودکار" in html
    assert 'value="Olena Kovalenko"' in html
    assert not JoinRequest.objects.exists() and not mail.outbox


def test_too_many_posts_get_429_with_the_entries_kept(client, join_pages, join_data, settings):
    settings.FORM_RATE_LIMIT = 1
    del join_data["consent"]
    client.post(join_pages["tr"].url, join_data)
    join_data["consent"] = "on"
    response = client.post(join_pages["tr"].url, join_data)
    assert response.status_code == 429
    html = response.content.decode()
    assert "çok fazla form" in html and 'value="Olena Kovalenko"' in html
    assert not JoinRequest.objects.exists()


def contact_data(page, **changes):
    fields = {field.clean_name: field for field in page.form_fields.all()}
    data = {
        "ihr_name": "Amira Haddad",
        "e_mail_adresse": "amira@example.org",
        "ihre_nachricht": "Gibt es einen Deutschkurs am Abend?",
        TIMESTAMP_FIELD: shown_a_minute_ago(),
    }
    assert set(data) - {TIMESTAMP_FIELD} <= set(fields)
    data.update(changes)
    return data


def test_the_contact_form_is_stored_then_mailed(client, contact_pages):
    from wagtail.contrib.forms.models import FormSubmission

    page = contact_pages["ar"]
    response = client.post(page.url, contact_data(page))
    assert response.status_code == 200
    submission = FormSubmission.objects.get(page=page)
    assert submission.form_data["ihre_nachricht"] == "Gibt es einen Deutschkurs am Abend?"
    assert HONEYPOT_FIELD not in submission.form_data
    [message] = mail.outbox
    assert message.reply_to == ["amira@example.org"]


def test_the_contact_form_keeps_its_submission_when_mail_fails(client, contact_pages, settings):
    from wagtail.contrib.forms.models import FormSubmission

    settings.EMAIL_BACKEND = "tests.contact.failing_mail.EmailBackend"
    page = contact_pages["de"]
    assert client.post(page.url, contact_data(page)).status_code == 200
    assert FormSubmission.objects.filter(page=page).count() == 1


def test_the_contact_form_shows_translated_labels_and_its_errors(client, contact_pages):
    page = contact_pages["ru"]
    response = client.post(page.url, contact_data(page, ihre_nachricht=""))
    html = response.content.decode()
    assert "Ваше сообщение" in html and "Требуется заполнить это поле." in html
    assert 'value="Amira Haddad"' in html


def test_a_submission_leaves_the_cached_pages_valid(client, join_pages, join_data):
    from home.cache import content_version

    before = content_version()
    client.post(join_pages["de"].url, join_data)
    assert JoinRequest.objects.exists() and content_version() == before
