"""Accessibility fixtures: the demo's statement in every language and a visitor's report."""

import pytest

from home.antispam import TIMESTAMP_FIELD
from tests.forms import shown_a_minute_ago
from tests.home.conftest import english_admin_client  # noqa: F401 (a fixture)

LANGUAGES = ["de", "en", "ar", "uk", "fa", "ru", "tr"]


@pytest.fixture
def statements(db):
    from accessibility.models import AccessibilityStatementPage

    return {page.locale.language_code: page for page in AccessibilityStatementPage.objects.live()}


@pytest.fixture
def report_data():
    return {
        "page_address": "https://lindental.example/de/termine/",
        "description": "Die Filter der Terminliste lassen sich mit der Tastatur nicht öffnen.",
        "name": "Amal Haddad",
        "email": "amal@example.org",
        TIMESTAMP_FIELD: shown_a_minute_ago(),
    }
