"""Normalisation in Persian, Russian and Turkish as good as in German, English, Arabic and
Ukrainian: the forms of a word share a stem, different words keep theirs, and the search
page finds a text by any of its forms."""

import io

import pytest
from django.core.management import call_command
from wagtail.models import Locale

from directory.models import Offer
from search.compounds import is_part_token
from search.models import HiddenSearch, Promotion, SearchDocument, query_key
from search.text import index_text, stems, with_vowel_harmony, words

LANGUAGES = ["de", "en", "ar", "uk", "fa", "ru", "tr"]

SAME_STEM = {
    "fa": [
        ["می‌خواهم", "میخواهم", "می خواهم"],
        ["نمی‌خواهند", "نمیخواهند", "نمی خواهند"],
        ["کلاس‌ها", "کلاسها", "کلاس ها", "کلاس", "کلاس‌های", "کلاسهای", "کلاس‌هایی"],
        ["كلاسهاي", "کلاسهای"],  # Arabic kaf and yeh, as Arabic keyboards type them
        ["مهاجران", "مهاجر"],
        ["پناهندگان", "پناهنده"],
        ["دانشجویان", "دانشجوی", "دانشجو"],
        ["مشاوره", "مشاوره‌ها", "مشاوران", "مشاور"],
        ["حرفه", "حرفه‌ای", "حرفه‌ها", "حرفه ها"],
        ["خانه‌ی", "خانهٔ", "خانه"],
        ["بزرگتر", "بزرگ‌ترین", "بزرگ"],
        ["اطلاعات", "اطلاع"],
        ["آموزش", "اموزش", "آموزش‌ها"],
    ],
    "ru": [
        ["курсы", "курсов", "курс", "курсах"],
        ["квартира", "квартиры", "квартиру", "квартир"],
        ["помощь", "помощи", "помощью"],
        ["бесплатный", "бесплатная", "бесплатной", "бесплатные"],
        ["консультация", "консультаций", "консультации"],
        ["ещё", "еще", "ЕЩЁ"],
        ["ёлка", "елка"],
    ],
    "tr": [
        ["İstanbul", "istanbul", "ISTANBUL", "Istanbul", "istanbulda", "İSTANBULDA"],
        ["ılık", "ilik", "ILIK"],
        ["kurs", "kursu", "kursları", "kurslar", "kurslari", "kursa", "kursta", "kursun"],
        ["danışmanlık", "danismanlik", "danışmanlığı", "danismanligi", "DANIŞMANLIK"],
        ["çocuk", "cocuk", "çocuklar", "çocuğu", "cocugu"],
        ["sağlık", "saglik", "sağlığı"],
        ["şehir", "sehir"],
        ["öğrenciler", "ogrenciler", "öğrenci"],
        ["ürün", "ürünler", "urunler"],
        ["kadın", "kadınlar", "kadinlar"],
    ],
    # What worked before keeps working.
    "de": [["Wohnungen", "Wohnung"], ["Geflüchtete", "Gefluchtete", "GEFLÜCHTETE"]],
    "en": [["courses", "course"], ["counselling", "counsel"]],
    "ar": [
        ["الدورات", "دورة"],
        ["أسرة", "اسرة", "أُسرة"],
        # the article goes with a suffix too, and "و" (and) before it
        ["الشقة", "شقة", "والشقة"],
        ["الديون", "ديون"],
        ["المعلمين", "معلم"],
    ],
    "uk": [["курси", "курсів", "курс"], ["житло", "житла", "житлом"], ["допомога", "допомоги"]],
}

DIFFERENT_STEMS = {
    "fa": [
        ("میز", "می"),  # a table is no verb prefix
        ("کارت", "کار"),  # card, work
        ("شهرستان", "شهر"),  # the "ستان" of places is no plural
        ("آلمان", "الم"),  # a stem keeps three letters before "ان"
        ("زبان", "زب"),
        ("دختر", "دخ"),  # and two are not left of "دختر"
        ("فرهنگی", "فرهن"),
        ("کتابی", "کتاب‌ها"),  # the "ی" of a consonant stays
    ],
    "ru": [
        ("курс", "курица"),
        ("квартира", "кварта"),
        ("помощь", "мощь"),
    ],
    "tr": [
        ("kurs", "kur"),
        ("dil", "dilek"),
        ("ev", "evrak"),
        ("şehir", "şeker"),
        ("yaşlı", "yas"),
    ],
}


@pytest.mark.parametrize(
    ("language", "forms"),
    [(language, forms) for language, groups in SAME_STEM.items() for forms in groups],
)
def test_the_forms_of_a_word_share_its_stem(language, forms):
    found = {form: stems(form, language) for form in forms}
    assert all(len(form_stems) == 1 for form_stems in found.values()), found
    assert len({tuple(form_stems) for form_stems in found.values()}) == 1, found


@pytest.mark.parametrize(
    ("language", "pair"),
    [(language, pair) for language, pairs in DIFFERENT_STEMS.items() for pair in pairs],
)
def test_different_words_keep_their_stems(language, pair):
    first, second = pair
    assert stems(first, language) != stems(second, language)


def test_the_arabic_light_stemmer_leaves_short_words_whole():
    assert stems("دين", "ar") == ["دين"]  # "ين" would leave one letter
    assert stems("ولد", "ar") == ["ولد"]  # "و" goes only before three letters
    assert stems("البيت", "ar") == ["بيت"]


def test_invisible_characters_and_digits_are_folded():
    assert words("می\u200cخواهم") == words("می\u200dخواهم") == words("میخواهم")
    assert words("Deutsch\u00adkurs \u200fBAMF\u200e") == ["deutschkurs", "bamf"]
    assert words("۱۴۰۳ ١٤٠٣ 1403") == ["1403", "1403", "1403"]
    assert words("ك ک") == words("ک ك")
    assert words("شیمی خوب") == [*words("شیمی"), *words("خوب")]  # not a detached "می"


@pytest.mark.parametrize("query", ["می خواهم کلاس ها", "Deutsch kurs", "kurs lari", "ещё раз"])
def test_a_query_has_the_same_number_of_words_in_every_language(query):
    """The engines match the words of a query in two languages side by side."""
    assert len({len(stems(query, language)) for language in LANGUAGES}) == 1


def test_turkish_vowel_harmony_is_put_back_for_the_stemmer():
    assert with_vowel_harmony("kurslari") == "kursları"
    assert with_vowel_harmony("danismanligi") == "danısmanlığı"
    assert with_vowel_harmony("urunler") == "urünler"
    assert with_vowel_harmony("evleri") == "evleri"


def translated_offer(small, language, title, summary, description):
    """The small directory's German evening course, translated into ``language``."""
    german = small["offers"]["t-evening", "de"]
    offer = german.copy_for_translation(Locale.objects.get(language_code=language))
    offer.title = title
    offer.summary = summary
    offer.description = f"<p>{description}</p>"
    offer.save()
    offer.save_revision().publish()
    return offer


def found_titles(client, language, query):
    """The titles of all results of the search page (not only the first page's), which must
    have matched the query's words themselves, not words similar to them."""
    from search.query import ranked_matches

    response = client.get(f"/{language}/search/", {"q": query})
    assert response.status_code == 200
    assert not response.context["rendered"].corrected, query
    found = ranked_matches(Locale.objects.get(language_code=language), query)
    return set(SearchDocument.objects.filter(pk__in=found.ids).values_list("title", flat=True))


@pytest.mark.django_db
@pytest.mark.parametrize("joiner", ["\u200c", ""], ids=["with-zwnj", "without-zwnj"])
def test_a_persian_offer_is_found_with_and_without_zero_width_non_joiners(client, small, joiner):
    title = f"کلاس{joiner}های زبان برای مهاجران"
    description = f"اگر می{joiner}خواهید آلمانی یاد بگیرید، با ما تماس بگیرید."
    translated_offer(small, "fa", title, "هر سه‌شنبه عصر", description)
    for query in [
        "کلاس‌های زبان",
        "کلاسهای زبان",
        "کلاس های زبان",
        "کلاس‌ها",
        "کلاسها",
        "کلاس",
        "كلاسهاي",
        "مهاجر",
        "می‌خواهید",
        "میخواهید",
        "می خواهید",
    ]:
        assert title in found_titles(client, "fa", query), query


@pytest.mark.django_db
def test_a_russian_offer_is_found_by_the_forms_of_its_words(client, small):
    title = "Бесплатные курсы немецкого языка"
    description = "Помощь с поиском квартиры. Ещё вопросы? Звоните!"
    translated_offer(small, "ru", title, "По вторникам вечером", description)
    for query in ["курс", "курсов", "бесплатный курс", "квартира", "квартиру", "помощи", "еще"]:
        assert title in found_titles(client, "ru", query), query


@pytest.mark.django_db
def test_a_turkish_offer_is_found_with_and_without_turkish_letters(client, small):
    title = "Ücretsiz Almanca kursları"
    description = "İstanbul'dan gelen aileler için danışmanlık."
    translated_offer(small, "tr", title, "Salı akşamları", description)
    for query in [
        "kurs",
        "kursu",
        "kurslari",
        "ucretsiz kurs",
        "danismanlik",
        "DANIŞMANLIĞI",
        "ISTANBUL",
        "istanbul",
    ]:
        assert title in found_titles(client, "tr", query), query


@pytest.mark.django_db
def test_rebuild_search_stores_the_new_stems_and_keys(client):
    """Stems and keys stored before a change of the normalisation are made anew."""
    document = SearchDocument.objects.filter(
        locale__language_code="de", kind="offer", valid_until__isnull=True
    ).first()
    offer = Offer.objects.get(pk=document.object_id)
    persian = Locale.objects.get(language_code="fa")
    pick = Promotion.objects.create(query="کلاس‌های زبان", locale=persian, offer=offer)
    hidden = HiddenSearch.objects.create(words="Бесплатный")
    Promotion.objects.update(query_key="كلاس هاي زبان")  # as stored before
    HiddenSearch.objects.update(words_key="бесплатныи")
    SearchDocument.objects.update(title_terms="stale")

    call_command("rebuild_search", stdout=io.StringIO())

    pick.refresh_from_db()
    hidden.refresh_from_db()
    assert pick.query_key == query_key("کلاس های زبان") == query_key("کلاسهای زبان")
    assert hidden.words_key == "бесплатный"
    document = SearchDocument.objects.get(object_id=offer.pk, content_type__model="offer")
    stems = [term for term in document.title_terms.split() if not is_part_token(term)]
    assert stems == index_text(offer.title, "de").split()
    response = client.get("/fa/search/", {"q": "کلاسهای زبان"})
    assert [result.title for result, _note in response.context["promoted"]] == [offer.title]


def test_the_letters_y_and_yi_are_kept():
    assert words("бесплатный Київ") == ["бесплатный", "київ"]
