"""HTML in imported descriptions is cut down to the editor's rich-text features."""

import csv

import pytest
from bs4 import BeautifulSoup

from directory.exchange import import_directory
from directory.models import Actor, DirectoryPage, Offer

pytestmark = pytest.mark.django_db

# Each payload carries a marker, so that what is left of it can be found on the page.
PAYLOADS = [
    "<script>alert('xss-01')</script>",
    "<img src=x onerror=alert('xss-02')>",
    "<svg onload=alert('xss-03')><circle r=1 /></svg>",
    "<a href=\"javascript:alert('xss-04')\">link 04</a>",
    "<a href=\"JaVaScRiPt:alert('xss-05')\">link 05</a>",
    "<a href=\"&#106;avascript:alert('xss-06')\">link 06</a>",
    "<a href=\"jav&#x09;ascript:alert('xss-07')\">link 07</a>",
    "<a href=\"javascript&colon;alert('xss-08')\">link 08</a>",
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgpPC9zY3JpcHQ+">link xss-09</a>',
    "<a href=\" javascript:alert('xss-10')\">link 10</a>",
    "<a href=\"vbscript:msgbox('xss-11')\">link 11</a>",
    '<iframe src="https://evil.example/xss-12"></iframe>',
    '<object data="https://evil.example/xss-13"></object>',
    '<embed src="https://evil.example/xss-14">',
    "<p style=\"background:url(javascript:alert('xss-15'))\">styled</p>",
    "<style>p { background: url(\"javascript:alert('xss-16')\") }</style>",
    "<strong onmouseover=\"alert('xss-17')\">strong</strong>",
    '<a href="https://beratung.example.org/" onclick="alert(\'xss-18\')">link 18</a>',
    "<scr<script>ipt>alert('xss-19')</script>",
    "<<script>alert('xss-20');//<</script>",
    "<details open ontoggle=alert('xss-21')><summary>s</summary></details>",
    "<form action=\"javascript:alert('xss-22')\"><button>go</button></form>",
    "<math><mi xlink:href=\"javascript:alert('xss-23')\">m</mi></math>",
    "<!--<img src=x onerror=alert('xss-24')>-->",
    '<a linktype="page" id="1 onclick=alert(25)">link 25</a>',
    '<a data-linktype="page">link 26</a>',
    "<input autofocus onfocus=alert('xss-27')>",
]
ALLOWED = {"p": set(), "br": set(), "strong": set(), "b": set(), "em": set(), "i": set()}
ALLOWED |= {"ul": set(), "ol": set(), "li": set(), "a": {"href"}}
FORMATTING = (
    "<p>Beratung <strong>montags</strong> und <em>dienstags</em>, siehe "
    '<a href="https://beratung.example.org/termine">Termine</a>.</p>'
    "<ul><li>mit Anmeldung</li></ul>"
)


def set_description(folder, file_name, entry_id, description):
    """Give the German row of ``entry_id`` in a copy of the import folder ``description``."""
    path = folder / file_name
    with path.open(encoding="utf-8", newline="") as source:
        rows = list(csv.DictReader(source))
    for row in rows:
        if (row["id"], row["locale"]) == (entry_id, "de"):
            row["description"] = description
    with path.open("w", encoding="utf-8", newline="") as target:
        writer = csv.DictWriter(target, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def description_on_page(client, entry, route):
    page = DirectoryPage.for_locale(entry.locale_id)
    response = client.get(page.url + page.reverse_subpage(route, args=[entry.slug]))
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser").select_one("main .rich-text")


@pytest.fixture
def imported(data_copy, demo):
    about = demo["about"]
    page_link = f'<a linktype="page" id="{about.pk}">Über uns</a>'
    description = f"<p>{page_link}</p>{FORMATTING}" + "".join(PAYLOADS)
    set_description(data_copy, "organizations.csv", "t-school", description)
    set_description(data_copy, "services.csv", "t-course", description)
    import_directory(data_copy)
    return {
        "about": about,
        "actor": Actor.objects.get(external_id="t-school", locale__language_code="de"),
        "offer": Offer.objects.get(external_id="t-course", locale__language_code="de"),
    }


@pytest.mark.parametrize(("kind", "route"), [("actor", "actor"), ("offer", "offer")])
def test_no_imported_payload_reaches_the_detail_page(client, imported, kind, route):
    description = description_on_page(client, imported[kind], route)
    for element in description.find_all(True):
        assert element.name in ALLOWED, element
        assert set(element.attrs) <= ALLOWED[element.name], element
        if element.name == "a" and element.get("href"):
            assert element["href"].startswith(("https://", "/")), element
    html = str(description).lower()
    for code in ["javascript", "vbscript", "data:", "onerror", "onload", "alert('xss-01')"]:
        assert code not in html, code


@pytest.mark.parametrize(("kind", "route"), [("actor", "actor"), ("offer", "offer")])
def test_imported_formatting_and_links_stay(client, imported, kind, route):
    description = description_on_page(client, imported[kind], route)
    assert description.find("strong", string="montags")
    assert description.find("em", string="dienstags")
    assert description.find("li", string="mit Anmeldung")
    assert description.find("a", string="Termine")["href"] == "https://beratung.example.org/termine"
    assert description.find("a", string="Über uns")["href"] == imported["about"].url
    assert description.find("a", string="link 18")["href"] == "https://beratung.example.org/"
