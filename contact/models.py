"""The network's public forms: "Become a member" and the coordination office's contact form.

Both are Wagtail form pages: what a visitor sends is stored as a form submission (the
admin's *Forms* lists them) before the e-mail to the office goes out, so a failing mail
server loses nothing. Both are protected against spam by ``home.antispam``.
"""

import logging
from contextlib import nullcontext

from django import forms
from django.conf import settings
from django.db import models
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.mail import send_mail
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import (
    AbstractEmailForm,
    AbstractFormField,
    AbstractFormSubmission,
)
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField

from home.blocks import RICH_TEXT_FEATURES
from home.routing import ViewRestrictionsMixin
from home.slugs import AsciiSlugPageMixin

from .forms import FormPageAdminForm, JoinForm, protected

logger = logging.getLogger(__name__)


def reply_address(form):
    """The first e-mail address the visitor gave, for the office to answer; else None."""
    for name, field in form.fields.items():
        if isinstance(field, forms.EmailField) and form.cleaned_data.get(name):
            return [form.cleaned_data[name]]
    return None


class NetworkFormPage(ViewRestrictionsMixin, AsciiSlugPageMixin, AbstractEmailForm):
    """What both form pages share: an introduction, a thank-you text, spam protection, and
    a submission that is kept whatever happens to its e-mail."""

    intro = models.TextField(_("introduction"), blank=True)
    thank_you_text = RichTextField(
        _("thank-you text"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("Shown after the form was sent."),
    )

    base_form_class = FormPageAdminForm
    # Whether the office reads the mail in the source language, whatever the visitor's.
    mail_in_source_language = False
    # The office's addresses and the mail's subject are the same in every language.
    override_translatable_fields = [
        SynchronizedField("to_address", overridable=False),
        SynchronizedField("from_address", overridable=False),
        SynchronizedField("subject", overridable=False),
    ]
    email_panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
            ],
            heading=_("E-mail to the coordination office"),
        )
    ]

    class Meta:
        abstract = True

    def get_form(self, *args, **kwargs):
        """The form; ``request`` counts towards the rate limit when the visitor posts it."""
        form_class = self.get_form_class()
        params = self.get_form_parameters()
        params.update(kwargs)
        return form_class(*args, **params)

    def process_form_submission(self, form):
        """Store the submission, then mail it; a failed mail is logged and loses nothing."""
        submission = self.get_submission_class().objects.create(
            form_data=form.cleaned_data, page=self
        )
        if self.to_address:
            try:
                self.send_mail(form)
            except Exception:
                logger.exception(
                    "The e-mail of form submission %s could not be sent; it is stored.",
                    submission.pk,
                )
        return submission

    def send_mail(self, form):
        addresses = [address.strip() for address in self.to_address.split(",")]
        with (
            translation.override(settings.LANGUAGE_CODE)
            if self.mail_in_source_language
            else nullcontext()
        ):
            send_mail(
                self.subject or self.title,
                self.render_email(form),
                addresses,
                self.from_address,
                reply_to=reply_address(form),
            )

    def serve(self, request, *args, **kwargs):
        status = 200
        if request.method == "POST":
            form = self.get_form(
                request.POST, request.FILES, page=self, user=request.user, request=request
            )
            if form.is_valid():
                submission = self.process_form_submission(form)
                response = self.render_landing_page(request, submission, *args, **kwargs)
                add_never_cache_headers(response)
                return response
            status = 429 if form.rate_limited else 200
        else:
            form = self.get_form(page=self, user=request.user, request=request)
        context = self.get_context(request)
        context["form"] = form
        response = TemplateResponse(request, self.get_template(request), context, status=status)
        # The form carries a CSRF token of this visitor: no cache may keep it.
        add_never_cache_headers(response)
        return response


class JoinRequest(AbstractFormSubmission):
    """An organisation's request to join the network, as sent with the "Become a member"
    form; an editor turns it into a draft actor of the directory once."""

    actor = models.ForeignKey(
        "directory.Actor",
        verbose_name=_("draft actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    converted_at = models.DateTimeField(_("turned into an actor at"), null=True, blank=True)
    converted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("turned into an actor by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("join request")
        verbose_name_plural = _("join requests")

    def get_data(self):
        data = super().get_data()
        kind = data.get("kind")
        if kind:
            data["kind"] = JoinForm.kind_name(kind)
        return data


class FixedFormPage(NetworkFormPage):
    """A form page whose fields are fixed in code (``fixed_form``), not chosen by editors;
    its submissions are stored as ``submission_model``."""

    fixed_form = None
    submission_model = None

    class Meta:
        abstract = True

    def get_form_fields(self):
        return []

    def get_form_class(self):
        return self.fixed_form

    def get_data_fields(self):
        return [("submit_time", _("Submission date"))] + [
            (name, field.label) for name, field in self.fixed_form.base_fields.items()
        ]

    def get_submission_class(self):
        return self.submission_model


class JoinFormPage(FixedFormPage):
    """ "Become a member": the fixed form of an organisation that wants to join.

    Its fields are those an actor of the directory needs (``JoinForm``), so a request can
    become a draft actor; editors write the texts around the form, not its fields.
    """

    template = "contact/join_form_page.html"
    landing_page_template = "contact/form_page_landing.html"
    mail_in_source_language = True
    fixed_form = JoinForm
    submission_model = JoinRequest

    content_panels = AbstractEmailForm.content_panels + [
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        FieldPanel("thank_you_text"),
        *NetworkFormPage.email_panels,
    ]
    subpage_types = []

    class Meta:
        verbose_name = _("join form page")
        verbose_name_plural = _("join form pages")

    def get_submissions_list_view_class(self):
        from .views import JoinRequestsListView

        return JoinRequestsListView


class ContactFormField(TranslatableMixin, AbstractFormField):
    """A field of a contact form; its label, help text and choices are translated, its name
    (the key of the submitted data) is the same in every language."""

    page = ParentalKey("ContactFormPage", on_delete=models.CASCADE, related_name="form_fields")

    override_translatable_fields = [
        SynchronizedField("clean_name", overridable=False),
        SynchronizedField("field_type", overridable=False),
        SynchronizedField("required", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta, AbstractFormField.Meta):
        verbose_name = _("form field")
        verbose_name_plural = _("form fields")


class ContactFormPage(NetworkFormPage):
    """The coordination office's contact form, with fields its editors choose."""

    template = "contact/contact_form_page.html"
    landing_page_template = "contact/form_page_landing.html"

    content_panels = AbstractEmailForm.content_panels + [
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("Form fields")),
        FieldPanel("thank_you_text"),
        *NetworkFormPage.email_panels,
    ]
    subpage_types = []

    class Meta:
        verbose_name = _("contact form page")
        verbose_name_plural = _("contact form pages")

    def get_form_class(self):
        return protected(super().get_form_class())
