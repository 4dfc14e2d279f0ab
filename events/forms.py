"""The admin form of an event."""

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from home.slugs import AsciiSlugPageForm

from .recurrence import recurrence_rule, series_days


def not_a_date(day):
    return _("%(date)s is not a date of this event.") % {"date": date_format(day)}


class EventPageForm(AsciiSlugPageForm):
    """Checks that each change to a single date names a date the series has.

    The page's own ``clean`` cannot: while the form is validated, the changes are still
    in their formset, not on the page.
    """

    def clean(self):
        cleaned = super().clean()
        start = cleaned.get("start")
        changes = self.formsets.get("date_changes")
        if start is None or changes is None or not changes.is_valid():
            return cleaned
        rule = recurrence_rule(
            cleaned.get("repeat"),
            cleaned.get("repeat_interval"),
            cleaned.get("repeat_week_of_month"),
            cleaned.get("repeat_until"),
            start,
        )
        days = series_days(rule, start)
        for form in changes.forms:
            day = form.cleaned_data.get("date")
            if day and not form.cleaned_data.get("DELETE") and day not in days:
                self.add_error(None, not_a_date(day))
        return cleaned
