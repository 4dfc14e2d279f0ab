"""Building the search documents of pages, posts, actors and offers, and keeping them current."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import transaction
from django.utils import translation
from django.utils.html import strip_tags
from wagtail.models import Locale, Page

from blog.models import BlogPage
from directory.models import Actor, DirectoryPage, Offer, Topic
from home.cache import content_version
from home.localization import original_page_locales

from .compounds import has_compounds, is_part_token, part_tokens, splitter
from .concepts import is_token, term_names, tokens
from .elasticsearch import ElasticsearchEngine, document_key, mirror
from .models import SearchDocument, SearchTerm, index_changed, refresh_query_keys
from .text import index_text, words

BATCH = 500


def joined(*parts):
    return "\n".join(str(part) for part in parts if part)


def document(source, body, is_original, **fields):
    """A document for ``source`` with its searchable text normalised in its own language,
    and the tokens of its topics, target groups and place (``concepts.py``), through which
    a query that names one of them in any language finds it. The names of those terms in
    every language are kept as its ``labels`` (for Elasticsearch's fields)."""
    language = source.locale.language_code
    slugs = {
        "topic": fields.get("topics", ""),
        "target_group": fields.get("target_groups", ""),
        "place": fields.get("place", ""),
    }
    names = labels(**slugs)
    terms = [index_text(joined(fields.get("summary"), body), language), tokens(**slugs)]
    return SearchDocument(
        locale_id=source.locale_id,
        content_type=ContentType.objects.get_for_model(source),
        object_id=source.pk,
        translation_key=source.translation_key,
        is_original=is_original,
        text=body,
        labels=names,
        title_terms=index_text(fields["title"], language),
        terms=" ".join(term for term in terms if term),
        **fields,
    )


def labels(**slugs):
    """The names of the terms with these slugs (space-separated, by type) in every language
    they are translated into: language code -> names, one a line."""
    names = term_names()
    found = {}
    for kind, kind_slugs in slugs.items():
        for slug in kind_slugs.split():
            for code, name in names.get((kind, slug), {}).items():
                found.setdefault(code, []).append(name)
    return {code: "\n".join(values) for code, values in found.items()}


def topic_slugs(topics):
    """The slugs of ``topics`` and of their parent topics, so a parent's filter finds them."""
    parents = parent_slugs()
    slugs = []
    for topic in topics:
        for slug in (topic.slug, parents.get(topic.pk)):
            if slug and slug not in slugs:
                slugs.append(slug)
    return " ".join(slugs)


def parent_slugs():
    """Topic id -> slug of its parent, for all subtopics; cached until the content changes."""
    return cache.get_or_set(
        f"search:topic-parents:{content_version()}",
        lambda: dict(Topic.objects.filter(parent__isnull=False).values_list("pk", "parent__slug")),
        timeout=3600,
    )


def page_text(page):
    """The words of a page besides its title: introduction or teaser, description, body."""
    parts = [getattr(page, "teaser", ""), getattr(page, "intro", ""), page.search_description]
    body = getattr(page, "body", None)
    if body is not None:
        parts += body.stream_block.get_searchable_content(body)
    return joined(*parts)


def page_document(page, original_locales):
    """The document of a live page that anyone may see, or None.

    An alias has none: it shows the page it follows, whose document stands for it.
    """
    if not page.live or page.depth < 2 or page.alias_of_id or page.get_view_restrictions().exists():
        return None
    is_post = isinstance(page, BlogPage)
    return document(
        page,
        page_text(page),
        is_original=original_locales.get(page.translation_key) == page.locale_id,
        kind=SearchDocument.Kind.POST if is_post else SearchDocument.Kind.PAGE,
        title=page.title,
        summary=page.teaser if is_post else getattr(page, "intro", "") or page.search_description,
        url=page.get_url() or "",
        topics=topic_slugs(link.topic for link in page.post_topics.all()) if is_post else "",
    )


def entry_url(entry, directory_pages):
    """The address of an actor or offer on its language's directory page, else on the source
    language's (``directory_pages`` as ``DirectoryPage.by_locale()`` gives them)."""
    page = directory_pages.get(entry.locale_id) or next(
        (
            page
            for page in directory_pages.values()
            if page.locale.language_code == settings.LANGUAGE_CODE
        ),
        None,
    )
    return page.entry_url(entry) if page else ""


def offer_document(offer, directory_pages):
    topics = [link.topic for link in offer.topics.all()]
    groups = [link.target_group for link in offer.target_groups.all()]
    place = offer.place or offer.provider.place
    return document(
        offer,
        joined(strip_tags(offer.description), offer.eligibility, offer.provider.name),
        is_original=offer.is_original,
        kind=SearchDocument.Kind.OFFER,
        slug=offer.slug,
        title=offer.title,
        summary=offer.summary,
        url=entry_url(offer, directory_pages),
        provider=offer.provider.name,
        provider_key=offer.provider.translation_key,
        place=place.slug if place else "",
        place_name=place.name if place else "",
        topics=topic_slugs(topics),
        target_groups=" ".join(group.slug for group in groups),
        languages=" ".join(row.language for row in offer.languages.all()),
        valid_from=offer.valid_from,
        valid_until=offer.valid_until,
    )


def actor_document(actor, directory_pages):
    topics = [link.topic for link in actor.topics.all()]
    with translation.override(actor.locale.language_code):  # the kind in the actor's words
        kind_name = str(actor.get_kind_display())
    return document(
        actor,
        joined(strip_tags(actor.description), kind_name),
        is_original=actor.is_original,
        kind=SearchDocument.Kind.ACTOR,
        slug=actor.slug,
        title=actor.name,
        summary=actor.summary,
        url=entry_url(actor, directory_pages),
        place=actor.place.slug if actor.place else "",
        place_name=actor.place.name if actor.place else "",
        topics=topic_slugs(topics),
        languages=" ".join(row.language for row in actor.languages.all()),
    )


def indexable_offers():
    """Offers that may appear in search; their validity dates are checked when searching."""
    return Offer.objects.live_and_active().for_display()


def indexable_actors():
    return Actor.objects.public().for_display()


def save(documents, sources):
    """Replace the documents of ``sources`` with ``documents`` and extend the vocabulary.

    ``sources`` are (content type, id) pairs, including those that have no
    document any more.
    """
    by_type = {}
    for content_type, object_id in sources:
        by_type.setdefault(content_type, []).append(object_id)
    with transaction.atomic():
        for content_type, ids in by_type.items():
            SearchDocument.objects.filter(content_type=content_type, object_id__in=ids).delete()
        terms = {
            (doc.locale_id, term[:100])
            for doc in documents
            for term in f"{doc.title_terms} {doc.terms}".split()
            if not is_token(term)
        }
        with_compound_parts(documents, terms)
        SearchDocument.objects.bulk_create(documents, batch_size=BATCH)
        SearchTerm.objects.bulk_create(
            [SearchTerm(locale_id=locale_id, term=term) for locale_id, term in terms],
            batch_size=BATCH,
            ignore_conflicts=True,
        )
    index_changed()
    removed = [document_key(content_type.pk, object_id) for content_type, object_id in sources]
    mirror(removed, documents)


def index_pages(pages):
    """(Re)index these pages (specific instances); pages not public any more lose their document."""
    pages = list(pages)
    originals = original_page_locales({page.translation_key for page in pages})
    documents = [doc for doc in (page_document(page, originals) for page in pages) if doc]
    save(documents, [(ContentType.objects.get_for_model(page), page.pk) for page in pages])


def index_entries(model, ids):
    """(Re)index the actors or offers with ``ids``; those no longer public lose their document."""
    pages = DirectoryPage.by_locale()
    build = offer_document if model is Offer else actor_document
    indexable = indexable_offers() if model is Offer else indexable_actors()
    content_type = ContentType.objects.get_for_model(model)
    ids = list(ids)
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        entries = indexable.filter(pk__in=batch)
        save(
            [build(entry, pages) for entry in entries],
            [(content_type, pk) for pk in batch],
        )


def remove(source):
    save([], [(ContentType.objects.get_for_model(source), source.pk)])


def rebuild():
    """Build every document anew (and the Elasticsearch index) and the keys of editors' picks
    and hidden searches; returns the number of documents."""
    if settings.ELASTICSEARCH_URL:
        ElasticsearchEngine().recreate()
    refresh_query_keys()
    SearchDocument.objects.all().delete()
    SearchTerm.objects.all().delete()
    pages = Page.objects.live().filter(depth__gte=2).specific()
    for start in range(0, pages.count(), BATCH):
        index_pages(pages.order_by("pk")[start : start + BATCH])
    for model in (Actor, Offer):
        index_entries(model, model.objects.filter(live=True).values_list("pk", flat=True))
    split_compounds_again()
    return SearchDocument.objects.count()


def with_compound_parts(documents, terms):
    """Give the documents of languages with compounds the part tokens of their compounds
    (``compounds.py``), split with the vocabulary and the new ``terms`` ((locale id, stem)
    pairs) of these documents."""
    codes = dict(Locale.objects.values_list("pk", "language_code"))
    for code in {codes[doc.locale_id] for doc in documents if has_compounds(codes[doc.locale_id])}:
        new_stems = {term for locale_id, term in terms if codes[locale_id] == code}
        language_splitter = splitter(code, new_stems)
        for doc in documents:
            if codes[doc.locale_id] == code:
                add_parts(doc, language_splitter)


def add_parts(doc, language_splitter):
    """Replace the part tokens of a document's title and text with those of its words now."""
    for field, text in (("title_terms", doc.title), ("terms", joined(doc.summary, doc.text))):
        kept = [term for term in getattr(doc, field).split() if not is_part_token(term)]
        parts = part_tokens(words(text), language_splitter)
        setattr(doc, field, " ".join([*kept, parts] if parts else kept))


def split_compounds_again():
    """Split the compounds of every document with the whole vocabulary: while the index
    is built, the documents written first knew only part of it."""
    for code in {
        code
        for code in Locale.objects.values_list("language_code", flat=True)
        if has_compounds(code)
    }:
        language_splitter = splitter(code)
        changed = []
        for doc in SearchDocument.objects.filter(locale__language_code=code).only(
            "title", "summary", "text", "title_terms", "terms"
        ):
            add_parts(doc, language_splitter)
            changed.append(doc)
        SearchDocument.objects.bulk_update(changed, ["title_terms", "terms"], batch_size=BATCH)
    index_changed()
