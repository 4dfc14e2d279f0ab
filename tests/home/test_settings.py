"""Production settings refuse unsafe configurations and pass Django's deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

from django.core.management.utils import get_random_secret_key

PROJECT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": get_random_secret_key(),
    "ALLOWED_HOSTS": "integration.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://integration.example.org",
}


def manage(*args, **environment):
    env = {key: value for key, value in os.environ.items() if key not in PRODUCTION}
    env.update(environment)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_deploy_check_is_clean_in_production():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_missing_secret_key_with_debug_off_is_refused():
    environment = {key: value for key, value in PRODUCTION.items() if key != "SECRET_KEY"}
    result = manage("check", **environment)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_missing_allowed_hosts_with_debug_off_is_refused():
    environment = {key: value for key, value in PRODUCTION.items() if key != "ALLOWED_HOSTS"}
    result = manage("check", **environment)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must list" in result.stderr


def test_unknown_content_language_is_refused():
    result = manage("check", CONTENT_LANGUAGES="de,xx")
    assert result.returncode != 0
    assert "CONTENT_LANGUAGES may only name" in result.stderr


def test_machine_translation_is_offered_only_when_a_service_is_configured():
    show = (
        "from django.conf import settings; "
        "print(getattr(settings, 'WAGTAILLOCALIZE_MACHINE_TRANSLATOR', {}).get('CLASS'))"
    )
    assert manage("shell", "-c", show).stdout.strip().endswith("None")
    deepl = manage("shell", "-c", show, DEEPL_AUTH_KEY="key:fx").stdout
    assert deepl.strip().endswith("DeepLTranslator")
    libre = manage("shell", "-c", show, LIBRETRANSLATE_URL="http://127.0.0.1:5000").stdout
    assert libre.strip().endswith("LibreTranslator")
