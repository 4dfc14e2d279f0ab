"""The admin's page editor for every page type: Wagtail's create and edit views, with two
differences.

- What an editor submits is saved, published and added to the language trees in one
  transaction, all of it or nothing. Wagtail publishes outside a transaction: a failure after
  the page went live (creating its aliases in the other languages,
  ``languages.follow_new_source_page``) would leave it live with languages missing. Here the
  editor gets the form back, with what they wrote and the language that failed.
- A draft the editor started and left does not keep the address their new page asks for
  (``drafts.py``).
"""

import copy
import logging

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.admin.views.pages.create import CreateView
from wagtail.admin.views.pages.edit import EditView
from wagtail.admin.viewsets.pages import PageViewSet

from .drafts import left_draft, move_aside
from .languages import LanguageTreeError

logger = logging.getLogger(__name__)


class OneTransactionMixin:
    """Runs the submitted action (save, publish, submit, workflow action) in one transaction."""

    def form_valid(self, form):
        submitted = copy.copy(self.page)
        try:
            with transaction.atomic():
                return super().form_valid(form)
        except LanguageTreeError as error:
            logger.exception("Publishing “%s” failed; nothing of it was kept.", submitted)
            # The page as submitted, not as the rolled-back attempt left it in memory.
            self.page = submitted
            return self.language_tree_failed(error)

    def language_tree_failed(self, error):
        """The form again, with what the editor wrote and what went wrong."""
        messages.error(
            self.request,
            _(
                "The page was not published: it could not be added to the pages in "
                "%(language)s. Nothing was saved; what you wrote is still in the form. "
                "Please try again, or tell an administrator if this happens again."
            )
            % {"language": error.locale.get_display_name()},
        )
        self.has_unsaved_changes = True
        return self.render_to_response(self.get_context_data())


class LeftDraftMovesAsideMixin:
    """A page whose address is held by a draft its editor left takes it; the draft moves."""

    def form_invalid(self, form):
        draft = "slug" in form.errors and left_draft(
            self.parent_of_page(), form.data.get("slug"), self.request.user, self.page
        )
        if not draft:
            return super().form_invalid(form)
        moved = move_aside(draft, self.request.user)
        messages.info(
            self.request,
            _(
                "Your earlier draft “%(title)s”, which you had left, moved to the address "
                "“%(slug)s”, so that this page can have “%(old_slug)s”. Everything you wrote "
                "in it is still there."
            )
            % {
                "title": moved.get_admin_display_title(),
                "slug": moved.slug,
                "old_slug": draft.slug,
            },
            buttons=[
                messages.button(reverse("wagtailadmin_pages:edit", args=[moved.pk]), _("Open it"))
            ],
        )
        return self.post(self.request)


class PageCreateView(LeftDraftMovesAsideMixin, OneTransactionMixin, CreateView):
    """Wagtail's page create view (see the module's docstring)."""

    def parent_of_page(self):
        return self.parent_page


class PageEditView(LeftDraftMovesAsideMixin, OneTransactionMixin, EditView):
    """Wagtail's page edit view (see the module's docstring)."""

    def parent_of_page(self):
        return self.parent


class PageEditorViewSet(PageViewSet):
    """Wagtail's page views for every page type, with the create and edit views above."""

    add_view_class = PageCreateView
    edit_view_class = PageEditView


page_viewset = PageEditorViewSet()
