"""Contact fixtures: the demo's form pages and what a person sends with them."""

import pytest

from home.antispam import TIMESTAMP_FIELD
from tests.forms import shown_a_minute_ago


@pytest.fixture
def join_pages(db):
    from contact.models import JoinFormPage

    return {page.locale.language_code: page for page in JoinFormPage.objects.live()}


@pytest.fixture
def contact_pages(db):
    from contact.models import ContactFormPage

    return {page.locale.language_code: page for page in ContactFormPage.objects.live()}


@pytest.fixture
def join_data():
    return {
        "organisation": "Nachbarschaftshilfe Auental e. V.",
        "kind": "association",
        "contact_person": "Olena Kovalenko",
        "email": "olena@auental.example",
        "offers": "Sprachcafé jeden Dienstag\nHilfe bei Behördengängen auf Ukrainisch",
        "consent": "on",
        TIMESTAMP_FIELD: shown_a_minute_ago(),
    }
