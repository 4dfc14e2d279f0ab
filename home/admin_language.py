"""The language of the admin: the user's own choice, else the source language.

Wagtail shows the admin in the language a user chose in their account
(``UserProfile.preferred_language``). Without a choice it falls back to the
language that Django's ``LocaleMiddleware`` took from the browser, although its
account page calls that choice "Use server language". Here the server language
(``LANGUAGE_CODE``, the source language) is what a signed-in user without a
choice gets. The sign-in page keeps the browser's language: nobody is known yet.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation


class AdminLanguageMiddleware:
    """Activates the source language for signed-in users in the admin, before Wagtail applies
    their preferred language, so that the browser's language plays no part there."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(reverse("wagtailadmin_home")) and (
            request.user.is_authenticated
        ):
            translation.activate(settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = settings.LANGUAGE_CODE
        return self.get_response(request)
