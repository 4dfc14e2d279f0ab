"""The visitors' form for reporting a barrier on the site, and the admin's form for a
sign-language video."""

from urllib.parse import urlsplit

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from home.antispam import SpamProtectionMixin

from .validators import validate_captions, validate_video

DESCRIPTION_LENGTH = 4000


def page_came_from(request, page):
    """The address of the page of this site that led the visitor to ``page``, or ""."""
    referer = request.META.get("HTTP_REFERER", "")
    if not url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()}):
        return ""
    return "" if urlsplit(referer).path == page.url else referer


class BarrierReportForm(SpamProtectionMixin, forms.Form):
    """Where a visitor met a barrier and what it is; their name and e-mail are optional.

    Shown to a visitor who came from another page of the site, it names that page.
    """

    page_address = forms.CharField(
        label=_("Page or document with the barrier"),
        max_length=500,
        help_text=_("The address (URL) or the name of the page, or the document."),
        widget=forms.TextInput(attrs={"dir": "auto"}),
    )
    description = forms.CharField(
        label=_("Description of the barrier"),
        max_length=DESCRIPTION_LENGTH,
        help_text=_("What did not work for you, and with what (screen reader, keyboard, …)?"),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    name = forms.CharField(
        label=_("Your name (optional)"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Your e-mail address (optional)"),
        max_length=254,
        required=False,
        help_text=_("Only if you want an answer."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "dir": "ltr"}),
    )

    def __init__(self, *args, page=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.page = page
        self.user = user
        if self.request is not None and page is not None and not self.is_bound:
            self.initial.setdefault("page_address", page_came_from(self.request, page))


class SignLanguageVideoForm(WagtailAdminModelForm):
    """The admin's form for a sign-language video: uploaded files are checked for their type
    and size (``validators.py``); files already stored are left as they are."""

    def clean_video(self):
        return checked(self.cleaned_data["video"], validate_video)

    def clean_captions(self):
        return checked(self.cleaned_data["captions"], validate_captions)


def checked(file, validate):
    if isinstance(file, UploadedFile):
        validate(file)
    return file
