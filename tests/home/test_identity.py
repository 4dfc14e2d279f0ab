"""The network's identity: its logo in the header and colour tokens that stay AA."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_every_pair_of_colour_tokens_meets_its_contrast_minimum():
    run = subprocess.run(
        [sys.executable, ROOT / "benchmarks" / "contrast.py"], capture_output=True, text=True
    )
    lines = run.stdout.splitlines()
    assert run.returncode == 0, run.stdout
    assert len(lines) >= 25
    assert all("  ok  " in line for line in lines)


@pytest.mark.django_db
def test_the_header_shows_the_shipped_logo_when_the_network_has_none(client, demo):
    html = client.get("/de/").content.decode()
    header = html[html.index('<header class="site-header">') : html.index("</header>")]
    assert 'class="site-name__logo"' in header
    assert "img/logo" in header and 'alt=""' in header


def test_an_icon_is_a_symbol_of_the_shipped_sprite_hidden_from_assistive_technology():
    from django.template import Context, Template

    from home.icons import ICONS

    sprite = (ROOT / "site" / "static" / "img" / "icons.svg").read_text(encoding="utf-8")
    for name, _label in ICONS:
        assert f'<symbol id="{name}"' in sprite
    html = Template('{% load icons %}{% icon "housing" %}').render(Context())
    assert 'aria-hidden="true"' in html and 'focusable="false"' in html
    assert '<use href="/static/img/icons.svg#housing">' in html
