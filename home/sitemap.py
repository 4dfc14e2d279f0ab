"""A sitemap of every language's pages with hreflang alternates.

Wagtail's own sitemap lists only the tree of the site's root page, which is
the source language's tree when i18n is on. Aliases (copies that show the
original until a page is translated) are no translations: search engines find
the original instead.
"""

from collections import defaultdict

from django.contrib.sitemaps import Sitemap
from django.db.models import Q
from wagtail.models import Page, Site


def public_pages():
    """Live, public pages of the default site's root and all its translations, aliases too."""
    root = Site.objects.select_related("root_page").get(is_default_site=True).root_page
    in_any_tree = Q()
    for translated_root in root.get_translations(inclusive=True):
        in_any_tree |= Q(path__startswith=translated_root.path)
    return Page.objects.filter(in_any_tree).live().public().select_related("locale")


class TranslatedPagesSitemap(Sitemap):
    """Every live public page of every locale that is no alias, each with links to its
    translations.

    A page's own ``get_sitemap_urls()`` may list more addresses after its own
    (a routable page's subpages); those are added as the page gives them, an
    alias's too (a directory entry translated into a language whose directory
    page is still an alias).
    """

    def __init__(self, request=None):
        self.request = request

    def items(self):
        return public_pages().defer_streamfields().order_by("path").specific()

    def location(self, page):
        return page.get_url()

    def lastmod(self, page):
        return page.last_published_at

    def _urls(self, page, protocol, domain):
        items = list(self.paginator.page(page).object_list)
        translations = defaultdict(list)
        for translation in public_pages().filter(
            translation_key__in={item.translation_key for item in items}, alias_of__isnull=True
        ):
            translations[translation.translation_key].append(translation)
        source_locale_id = Site.objects.get(is_default_site=True).root_page.locale_id

        def absolute(page):
            url = self.location(page)
            return f"{protocol}://{domain}{url}" if url.startswith("/") else url

        urls = []
        for item in items:
            if not item.alias_of_id:
                siblings = translations[item.translation_key]
                alternates = []
                if len(siblings) > 1:
                    alternates = [
                        {"lang_code": sibling.locale.language_code, "location": absolute(sibling)}
                        for sibling in siblings
                    ]
                    source = next((s for s in siblings if s.locale_id == source_locale_id), item)
                    alternates.append({"lang_code": "x-default", "location": absolute(source)})
                urls.append(
                    {
                        "item": item,
                        "location": absolute(item),
                        "lastmod": self.lastmod(item),
                        "alternates": alternates,
                    }
                )
            urls.extend(item.get_sitemap_urls(self.request)[1:])
        return urls
