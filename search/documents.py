"""Building the search documents of the searchable models and keeping them current.

A model is searchable when it implements ``home.searchable.Searchable``: it describes
its objects (``SearchDescription``), and this module turns each description into a
``SearchDocument``: its words normalised in its language (``text.py``), the tokens and
names of its terms (``concepts.py``), the parts of its compounds (``compounds.py``); it
saves the documents, extends the vocabulary and mirrors them to Elasticsearch.
"""

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import Locale

from home.searchable import Searchable, joined

from .compounds import is_part_token, part_tokens, splitter
from .concepts import is_token, term_names, tokens
from .elasticsearch import ElasticsearchEngine, document_key, mirror
from .models import SearchDocument, SearchTerm, index_changed, refresh_query_keys
from .text import has_compounds, stem, words

BATCH = 500


def searchable_models():
    """The models that implement ``Searchable``, in the order of the app registry."""
    return [model for model in apps.get_models() if issubclass(model, Searchable)]


def stemmed(folded_words, language):
    return " ".join(stem(word, language) for word in folded_words)


def document(description, content_type, language, names):
    """The document of a ``SearchDescription`` (of an object of ``content_type``), its
    searchable text normalised in ``language``, with the tokens of its topics, target
    groups and place, through which a query that names one of them in any language finds
    it. The names of those terms in every language (of ``names``, as
    ``concepts.term_names`` gives them) are kept as its ``labels`` (for Elasticsearch)."""
    source = description.source
    slugs = {
        "topic": " ".join(description.topics),
        "target_group": " ".join(description.target_groups),
        "place": description.place,
    }
    title_words = words(description.title)
    text_words = words(joined(description.summary, description.text))
    terms = [stemmed(text_words, language), tokens(**slugs)]
    doc = SearchDocument(
        locale_id=source.locale_id,
        content_type=content_type,
        object_id=source.pk,
        translation_key=source.translation_key,
        is_original=description.is_original,
        kind=description.kind,
        slug=description.slug,
        title=description.title,
        summary=description.summary,
        url=description.url,
        provider=description.provider,
        provider_key=description.provider_key,
        place=description.place,
        place_name=description.place_name,
        topics=slugs["topic"],
        target_groups=slugs["target_group"],
        languages=" ".join(description.languages),
        valid_from=description.valid_from,
        valid_until=description.valid_until,
        text=description.text,
        labels=labels(names, **slugs),
        title_terms=stemmed(title_words, language),
        terms=" ".join(term for term in terms if term),
    )
    doc.folded_words = (title_words, text_words)  # for the compounds' parts, when saved
    return doc


def labels(names, **slugs):
    """The names of the terms with these slugs (space-separated, by type) in every language
    they are translated into: language code -> names, one a line."""
    found = {}
    for kind, kind_slugs in slugs.items():
        for slug in kind_slugs.split():
            for code, name in names.get((kind, slug), {}).items():
                found.setdefault(code, []).append(name)
    return {code: "\n".join(values) for code, values in found.items()}


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
            old = SearchDocument.objects.filter(content_type=content_type, object_id__in=ids)
            old.only("pk").delete()
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


def index(model, ids):
    """(Re)index the objects of a searchable ``model`` with ``ids``; those that have no
    document any more (not public, deleted) lose theirs."""
    content_type = ContentType.objects.get_for_model(model)
    codes = dict(Locale.objects.values_list("pk", "language_code"))
    names = term_names()
    ids = list(ids)
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        descriptions = model.search_descriptions(model.searchable_objects().filter(pk__in=batch))
        save(
            [
                document(description, content_type, codes[description.source.locale_id], names)
                for description in descriptions
            ],
            [(content_type, pk) for pk in batch],
        )


def index_with_dependents(changes):
    """(Re)index the objects of ``changes`` ((searchable model, ids) pairs) and those whose
    documents show something of them (``search_dependents``), each once."""
    pending = {}  # model -> {id: None}, in the order they come
    for model, ids in changes:
        pending.setdefault(model, {}).update(dict.fromkeys(ids))
    for model, ids in list(pending.items()):
        ids = list(ids)
        for start in range(0, len(ids), BATCH):
            for dependents in model.search_dependents(ids[start : start + BATCH]):
                found = dependents.values_list("pk", flat=True)
                pending.setdefault(dependents.model, {}).update(dict.fromkeys(found))
    for model, ids in pending.items():
        index(model, ids)


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
    for model in searchable_models():
        index(model, model.searchable_objects().order_by("pk").values_list("pk", flat=True))
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
    folded = getattr(doc, "folded_words", None) or (
        words(doc.title),
        words(joined(doc.summary, doc.text)),
    )
    for field, field_words in zip(("title_terms", "terms"), folded, strict=True):
        kept = [term for term in getattr(doc, field).split() if not is_part_token(term)]
        parts = part_tokens(field_words, language_splitter)
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
