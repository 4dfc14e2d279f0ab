"""The visitors' forms of the form pages, and the admin form of the pages themselves."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.forms import WagtailAdminFormPageForm

from directory.models import Actor
from home.antispam import SpamProtectionMixin
from home.slugs import AsciiSlugFormMixin

OFFERS_LENGTH = 2000


class FormPageAdminForm(AsciiSlugFormMixin, WagtailAdminFormPageForm):
    """The admin form of a form page: the site's slug rule and Wagtail's checks of fields."""


def protected(form_class):
    """``form_class`` (made by Wagtail's form builder) with the site's spam protection."""
    return type(form_class.__name__, (SpamProtectionMixin, form_class), {})


class JoinForm(SpamProtectionMixin, forms.Form):
    """What an organisation tells the network when it asks to join: what its draft actor in
    the directory is made from."""

    organisation = forms.CharField(
        label=_("Name of your organisation"),
        max_length=255,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    kind = forms.ChoiceField(
        label=_("Kind of organisation"),
        choices=[("", _("Please choose"))] + Actor.Kind.choices,
    )
    contact_person = forms.CharField(
        label=_("Contact person"),
        max_length=255,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    offers = forms.CharField(
        label=_("What does your organisation offer?"),
        max_length=OFFERS_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "For example language courses, counselling or leisure activities: for whom, "
            "where and in which languages."
        ),
    )
    consent = forms.BooleanField(
        label=_(
            "Our organisation may be listed in the network's public directory with its name, "
            "kind and offers. The contact person's name and e-mail address are not published."
        ),
        error_messages={
            "required": _(
                "Please agree to being listed: without your consent the network cannot add "
                "your organisation to its directory."
            )
        },
    )

    def __init__(self, *args, page=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.page = page
        self.user = user

    @staticmethod
    def kind_name(kind):
        """The name of an actor kind, in the active language; unknown values as they are."""
        return dict(Actor.Kind.choices).get(kind, kind)
