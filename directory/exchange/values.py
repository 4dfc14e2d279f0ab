"""What the cells of the exchange files mean: flags, opening hours, rich text."""

import datetime
import re

from django.utils.html import escape
from wagtail.admin.rich_text.converters.editor_html import DbWhitelister, EditorHTMLConverter

from home.blocks import RICH_TEXT_FEATURES

from ..models import WEEKDAY_CODES

YES, NO = {"yes", "true", "1", "ja"}, {"no", "false", "0", "nein"}
HOURS = re.compile(r"^(mo|tu|we|th|fr|sa|su) (?:(\d\d:\d\d)-(\d\d:\d\d)|appointment)$")


def flag(value):
    """True for yes, False for no, None for an empty cell."""
    value = value.lower()
    return True if value in YES else False if value in NO else None


def opening_hours(item):
    """The fields of an opening time written like ``mo 09:00-12:00`` or ``mo appointment``;
    raises ValueError for anything else."""
    match = HOURS.match(item)
    if not match:
        raise ValueError(item)
    times = [datetime.time.fromisoformat(time) if time else None for time in match.group(2, 3)]
    return {
        "weekday": WEEKDAY_CODES.index(match.group(1)),
        "opens": times[0],
        "closes": times[1],
        "by_appointment": match.group(2) is None,
    }


def date(value):
    return datetime.date.fromisoformat(value) if value else None


class ImportedHTMLWhitelister(DbWhitelister):
    """The rich-text editor's whitelist of the description's features, for imported HTML.

    Links to pages and documents in the database's format (as exported) stay links, and
    scripts and style sheets go with their content rather than becoming text.
    """

    def clean_tag_node(self, doc, tag):
        if tag.name in ("script", "style"):
            tag.decompose()
            return
        if tag.name == "a":
            tag.attrs.pop("data-linktype", None)  # the editor's format is never imported
            link_type, link_id = tag.attrs.pop("linktype", None), tag.attrs.pop("id", "")
            if link_type in self.link_handlers and str(link_id).isdigit():
                tag.attrs.update({"data-linktype": link_type, "data-id": link_id})
        super().clean_tag_node(doc, tag)


def rich_text(text):
    """Plain text with blank lines between paragraphs, or HTML (with ``<p>``), as rich text
    HTML of no more than the editor's features (``RICH_TEXT_FEATURES``)."""
    if not re.search(r"<p[\s>]", text, flags=re.IGNORECASE):
        paragraphs = [part.strip() for part in re.split(r"\n\s*\n", text) if part.strip()]
        text = "".join(f"<p>{escape(part)}</p>".replace("\n", "<br>") for part in paragraphs)
    converter = EditorHTMLConverter(features=RICH_TEXT_FEATURES)
    return ImportedHTMLWhitelister(converter.converter_rules).clean(text)
