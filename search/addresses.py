"""Where a result leads a visitor: to its version in the visitor's language, under their prefix.

An offer or actor opens on the directory page of the visitor's language, which
shows the entry's version in that language, or the original with a notice. A
page or post opens as its version in the page tree of the visitor's language:
a translation, or an alias that shows the original. A language without a page
tree of its own is served the source language's tree under its own prefix, so
its visitors get the addresses of that tree under their prefix. Only where the
visitor's language has no such page does a result lead to its own language.
"""

from typing import NamedTuple

from django.urls import translate_url
from django.utils import translation
from wagtail.models import Page, Site

from directory.models import Actor, DirectoryPage, Offer
from home.cache import per_content_version

from .models import SearchDocument

ROUTES = {
    SearchDocument.Kind.OFFER: Offer.detail_route,
    SearchDocument.Kind.ACTOR: Actor.detail_route,
}


def under_prefix(url, from_code, to_code):
    """``url``, an address under ``from_code``'s prefix, under the prefix of ``to_code``."""
    if from_code == to_code:
        return url
    with translation.override(from_code):
        return translate_url(url, to_code)


class ServedTree(NamedTuple):
    """The page tree the site serves under a language's prefix."""

    locale_id: int
    language_code: str
    directory: DirectoryPage | None  # its public directory page
    directory_url: str  # that page's address under the prefix


def served_tree(locale):
    """The tree served under ``locale``'s prefix."""
    return served_tree_of(locale.language_code)


@per_content_version
def served_tree_of(language_code):
    """The tree served under ``language_code``'s prefix; kept until the content changes."""
    root = Site.objects.select_related("root_page").get(is_default_site=True).root_page
    with translation.override(language_code):
        tree = root.localized
    code = tree.locale.language_code
    directory = DirectoryPage.objects.live().public().filter(locale_id=tree.locale_id).first()
    directory_url = under_prefix(directory.url, code, language_code) if directory else ""
    return ServedTree(tree.locale_id, code, directory, directory_url)


def link_documents(documents, locale):
    """Give each document a ``link``: its address for a visitor in ``locale``."""
    tree = served_tree(locale)
    page_keys = {
        document.translation_key
        for document in documents
        if document.kind not in ROUTES and document.locale_id != locale.pk
    }
    page_urls = {}
    if page_keys:
        for page in (
            Page.objects.live()
            .public()
            .filter(translation_key__in=page_keys, locale_id=tree.locale_id)
        ):
            page_urls[page.translation_key] = under_prefix(
                page.get_url(), tree.language_code, locale.language_code
            )
    for document in documents:
        if document.kind in ROUTES and tree.directory:
            path = tree.directory.entry_path(ROUTES[document.kind], document.slug)
            document.link = tree.directory_url + path
        else:
            document.link = page_urls.get(document.translation_key, document.url)
    return documents
