"""The icons of the site's sprite (site/static/img/icons.svg): the name of each ``<symbol>``
and what it shows, for the editors' choice of a topic tile's icon."""

from django.utils.translation import gettext_lazy as _

ICONS = [
    ("language", _("Language")),
    ("work", _("Work")),
    ("housing", _("Housing")),
    ("health", _("Health")),
    ("children", _("Children")),
    ("counselling", _("Counselling")),
    ("arrival", _("Arrival")),
    ("recognition", _("Recognition of qualifications")),
    ("leisure", _("Leisure")),
    ("search", _("Search")),
    ("calendar", _("Calendar")),
    ("place", _("Place")),
    ("clock", _("Clock")),
    ("costs", _("Costs")),
    ("mail", _("E-mail")),
    ("phone", _("Phone")),
    ("website", _("Website")),
    ("arrow", _("Arrow")),
    ("people", _("People")),
    ("news", _("News")),
    ("filter", _("Filter")),
    ("info", _("Information")),
    ("partners", _("Partners")),
    ("chevron", _("Chevron")),
    ("topics", _("Topics")),
    ("accessibility", _("Accessibility")),
    ("registration", _("Registration")),
]
