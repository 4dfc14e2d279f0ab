"""The visitor's side of registering for an event: the form, the thanks and the cancellation.

None of these answers is cached: they carry a form's token or a visitor's registration.
"""

from django.core import signing
from django.http import Http404, HttpResponseRedirect
from django.utils.translation import gettext as _

from home.views import render_uncached_subpage

from .models import Registration
from .registration import (
    NotEnoughPlaces,
    RegistrationClosed,
    RegistrationForm,
    only_places_left,
    places_left,
    registration_for_token,
    save_registration,
    send_confirmation,
)


def register(request, event):
    """The registration form: shows the places left, stores a registration, sends its
    confirmation; closed after the deadline and when every place is taken."""
    if event.registration != Registration.FORM:
        raise Http404
    left = places_left(event)
    is_open = event.registration_open() and left != 0
    form_options = {"most_people": left} if left else {}
    if request.method == "POST" and is_open:
        form = RegistrationForm(request.POST, request=request, **form_options)
        if form.is_valid():
            try:
                registration = save_registration(event, form)
            except RegistrationClosed:
                is_open = False
            except NotEnoughPlaces as full:
                left = full.left
                is_open = left > 0
                form.add_error("people", only_places_left(left))
            else:
                sent = send_confirmation(registration, event, request)
                thanks = event.get_url(request) + event.reverse_subpage("registered")
                return HttpResponseRedirect(thanks if sent else f"{thanks}?mail=failed")
    else:
        form = RegistrationForm(**form_options)
    return render_uncached_subpage(
        request,
        event,
        "events/register.html",
        {
            "form": form,
            "places_left": left,
            "is_open": is_open,
            "is_full": left == 0,
            "current_title": _("Register"),
        },
        status=429 if form.rate_limited else 200,
    )


def registered(request, event):
    """Thanks after registering, and whether the confirmation mail went out."""
    if event.registration != Registration.FORM:
        raise Http404
    return render_uncached_subpage(
        request,
        event,
        "events/registered.html",
        {"mail_failed": request.GET.get("mail") == "failed", "current_title": _("Registered")},
    )


def cancel(request, event, token):
    """The cancellation link: shows the registration; a POST cancels it and frees its places."""
    try:
        registration = registration_for_token(token, event)
    except signing.BadSignature:
        return render_uncached_subpage(
            request,
            event,
            "events/cancel_registration.html",
            {"invalid": True, "current_title": _("Cancel registration")},
            status=400,
        )
    cancelled = False
    if registration is not None and request.method == "POST":
        registration.delete()
        registration, cancelled = None, True
    return render_uncached_subpage(
        request,
        event,
        "events/cancel_registration.html",
        {
            "registration": registration,
            "cancelled": cancelled,
            "current_title": _("Cancel registration"),
        },
        status=200 if registration is not None or cancelled else 404,
    )
