"""Known filter values are kept; an unknown one is dropped with a message, on the directory
and on the events listing alike."""

from django.http import QueryDict
from django.utils import translation

from directory.filters import read_known_values


class Filters:
    def __init__(self):
        self.kind = ""
        self.place = ""
        self.errors = []


def test_a_known_value_is_kept_and_an_unknown_one_dropped_with_a_message():
    filters = Filters()
    known = {"kind": {"association": "Association"}, "place": {"lindenau": "Lindenau"}}
    with translation.override("en"):
        read_known_values(filters, QueryDict("kind=association&place=atlantis"), known)
    assert filters.kind == "association"
    assert filters.place == ""
    assert filters.errors == ["“atlantis” is not a known value; that filter was left out."]


def test_an_empty_or_overlong_value_is_no_filter():
    filters = Filters()
    known = {"kind": {"x" * 100: "Long"}}
    read_known_values(filters, QueryDict("kind=" + "x" * 150 + "&place="), known)
    assert filters.kind == "x" * 100
    assert filters.errors == []
