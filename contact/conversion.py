"""Turning a join request into a draft actor of the directory."""

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape, linebreaks
from django.utils.text import Truncator
from wagtail.log_actions import log
from wagtail.models import Locale

from directory.models import SUMMARY_LENGTH, Actor, ActorContact
from home.slugs import ascii_slug

from .models import JoinRequest

CONVERTED = "contact.join_request_converted"


class AlreadyConverted(Exception):
    """The join request has been turned into an actor before."""


def free_actor_slug(name, locale):
    """A slug made from ``name`` that no actor of ``locale`` has."""
    base = ascii_slug(name, locale.language_code, max_length=240) or "actor"
    taken = set(
        Actor.objects.filter(locale=locale, slug__startswith=base).values_list("slug", flat=True)
    )
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def create_draft_actor(join_request, user):
    """Create an unpublished actor in the source language from ``join_request``, with its
    contact person (not public) and a revision; mark the request as converted and log it.

    Raises ``AlreadyConverted`` for a request converted before, also by someone else at the
    same moment.
    """
    with transaction.atomic():
        join_request = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
        if join_request.converted_at is not None:
            raise AlreadyConverted
        data = join_request.form_data
        locale = Locale.get_default()
        name = data.get("organisation", "").strip()
        offers = data.get("offers", "").strip()
        kind = data.get("kind")
        actor = Actor(
            locale=locale,
            name=name,
            slug=free_actor_slug(name, locale),
            kind=kind if kind in Actor.Kind.values else Actor.Kind.OTHER,
            summary=Truncator(" ".join(offers.split())).chars(SUMMARY_LENGTH),
            description=linebreaks(escape(offers)),
            email=data.get("email", ""),
            live=False,
            has_unpublished_changes=True,
        )
        actor.contacts.add(
            ActorContact(
                locale=locale,
                name=data.get("contact_person", ""),
                email=data.get("email", ""),
                is_public=False,
            )
        )
        actor.save()
        actor.save_revision(user=user)
        log(
            instance=actor,
            action=CONVERTED,
            user=user,
            data={"join_request": join_request.pk, "page": join_request.page_id},
        )
        join_request.actor = actor
        join_request.converted_at = timezone.now()
        join_request.converted_by = user
        join_request.save(update_fields=["actor", "converted_at", "converted_by"])
    return actor
