"""The sign-language videos in the admin's snippets."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import SignLanguageVideo


class SignLanguageVideoViewSet(SnippetViewSet):
    model = SignLanguageVideo
    icon = "media"
    list_display = ["title"]


register_snippet(SignLanguageVideoViewSet)
