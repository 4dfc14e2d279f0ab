"""Which vocabulary terms a query word names (``search/concepts.py``)."""

from search.concepts import named_terms

NAME_STEMS = {
    "de": {"schul": {"school"}, "wohn": {"housing"}, "kinderbetreu": {"childcare"}},
    "uk": {"житл": {"housing"}},
}


def test_a_word_names_the_terms_whose_name_it_is_or_begins_with():
    assert named_terms("wohnungen", NAME_STEMS) == ("housing",)
    assert named_terms("kinderbetreuungsplatz", NAME_STEMS) == ("childcare",)
    assert named_terms("schule", NAME_STEMS) == ("school",)


def test_a_german_word_with_a_letter_more_than_a_name_is_another_word():
    assert named_terms("schulden", NAME_STEMS) == ()


def test_a_language_without_compounds_takes_a_short_ending_as_a_word_form():
    assert named_terms("житлова", NAME_STEMS) == ("housing",)
