"""Search fixtures: the events' makers, for the events the search finds."""

from tests.events.conftest import indexes, make_event  # noqa: F401 (fixtures)
