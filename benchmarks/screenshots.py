"""Screenshots of the public pages for a reviewer: home, directory, offer, actor, post and
search, in German and Arabic, at phone and desktop width (24 pictures), in one command.

    .venv/bin/python benchmarks/screenshots.py [--out benchmarks/results/screenshots]

The site runs as in production (gunicorn, DEBUG=0, static files collected) on the demo
content in a fresh database: a temporary SQLite file, or the database named in
DATABASE_URL, which is emptied first. Debian's Chromium (/usr/bin/chromium) takes each
page whole, through Playwright, in a fresh profile, the phone in mobile emulation. The
pictures are named <page>-<language>-<width>.png.
"""

import argparse
import sys
from pathlib import Path
from urllib.parse import quote

from playwright.sync_api import sync_playwright
from production import ROOT, free_port, served_demo, start_server

from tests.tools import CHROMIUM_ARGS

LANGUAGES = ["de", "ar"]
QUERIES = {"de": "Deutschkurs", "ar": "اللغة الألمانية"}
LOAD_LAZY_IMAGES = (
    "Promise.all([...document.querySelectorAll('img[loading=lazy]')].map(img => "
    "{ img.loading = 'eager'; return img.decode().catch(() => null); }))"
)
WIDTHS = {
    390: {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
    1280: {"viewport": {"width": 1280, "height": 900}},
}


def page_paths(code):
    """The address of each pictured page in the language ``code`` of the demo."""
    from blog.models import BlogPage
    from directory.models import DirectoryPage, Offer

    directory = DirectoryPage.objects.live().get(locale__language_code=code)
    offer = Offer.objects.filter(locale__language_code=code, live=True).order_by("pk").first()
    post = BlogPage.objects.live().filter(locale__language_code=code).order_by("path").first()
    return {
        "home": f"/{code}/",
        "directory": directory.url,
        "offer": directory.entry_url(offer),
        "actor": directory.entry_url(offer.provider),
        "post": post.url,
        "search": f"/{code}/search/?q={quote(QUERIES[code])}",
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "screenshots"))
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    workdir = served_demo("screenshots-")
    paths = {code: page_paths(code) for code in LANGUAGES}

    with open(workdir / "gunicorn.log", "w", encoding="utf-8") as log:
        port = free_port()
        server = start_server(ROOT, port, log)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
                )
                for code, pages in paths.items():
                    for width, device in WIDTHS.items():
                        context = browser.new_context(locale=code, **device)
                        page = context.new_page()
                        for name, path in pages.items():
                            page.goto(f"http://localhost:{port}{path}", wait_until="load")
                            # The whole page is pictured: its lazy images too.
                            page.evaluate(LOAD_LAZY_IMAGES)
                            page.wait_for_load_state("networkidle")
                            picture = out / f"{name}-{code}-{width}.png"
                            page.screenshot(path=picture, full_page=True)
                            print(picture)
                        context.close()
                browser.close()
        finally:
            server.terminate()
            server.wait()


if __name__ == "__main__":
    sys.exit(main())
