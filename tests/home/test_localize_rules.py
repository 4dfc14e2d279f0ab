"""wagtail-localize's admin views follow the site's rules: translators stay in their languages,
only reviewers and moderators publish, and every change to a translation leaves a revision."""

import json
from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import Group
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from wagtail.models import Locale, ModelLogEntry, PageLogEntry, TranslatableMixin
from wagtail.permissions import policy_registry
from wagtail.snippets.models import get_snippet_models
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from blog.models import (
    Author,
    BlogIndexPage,
    BlogPage,
    BlogPageActor,
    BlogPageAuthor,
    BlogPageOffer,
    BlogPageTopic,
)
from directory.models import Actor, Offer, Topic
from home.middleware import LOCALIZE_RULES, snippet_model
from home.models import ContentPage
from home.permissions import LanguagePermissionPolicy

pytestmark = pytest.mark.django_db


def user_in(django_user_model, name, *groups):
    user = django_user_model.objects.create_user(username=name, password="x" * 20)
    user.groups.add(*(Group.objects.get(name=group) for group in groups))
    return user


@pytest.fixture
def arabic():
    return Locale.objects.get(language_code="ar")


@pytest.fixture
def arabic_translator(django_user_model):
    return user_in(django_user_model, "amira", "Translators", "Translators (ar)")


@pytest.fixture
def arabic_reviewer(django_user_model):
    return user_in(django_user_model, "samir", "Translators", "Reviewers (ar)")


def url_patterns(resolver=None, namespace=""):
    """(view name, pattern, module of the view) of every URL of the site."""
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace
            yield from url_patterns(
                pattern, f"{namespace}:{inner}" if namespace and inner else inner or namespace
            )
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield name, str(pattern.pattern), pattern.callback.__module__


def test_every_wagtail_localize_admin_url_has_a_rule():
    checked = []
    for name, pattern, module in url_patterns():
        of_localize = module.startswith("wagtail_localize") or (name or "").startswith(
            ("wagtail_localize:", "wagtaillocales:")
        )
        of_a_translation = "translation_id" in pattern or "translation_source_id" in pattern
        if of_localize or of_a_translation:
            assert name in LOCALIZE_RULES, f"{pattern} ({name}, {module}) has no rule"
            checked.append(name)
    assert "wagtail_localize:update_translations" in checked
    assert "wagtail_localize:convert_to_alias" in checked
    assert len(checked) >= 20


def test_every_snippets_admin_views_are_known_by_their_namespace():
    """The language guard finds the model of a snippet view from Wagtail's registry, not by
    splitting the namespace (an app label may contain "_")."""
    for model in get_snippet_models():
        assert snippet_model(model.snippet_viewset.url_namespace) is model
    assert snippet_model("wagtailsnippets_no_such_model") is None


def test_every_translatable_snippet_follows_the_language_policy():
    """Wagtail's views and bulk actions ask the model's permission policy: a translatable
    snippet registered without it would let translators into every language."""
    translatable = [m for m in get_snippet_models() if issubclass(m, TranslatableMixin)]
    assert len(translatable) >= 7
    for model in translatable:
        assert isinstance(policy_registry.get_by_type(model), LanguagePermissionPolicy), model


@pytest.mark.parametrize(
    "theirs, args, ours",
    [
        ("wagtail_localize:upload_pofile", [1], "upload_pofile"),
        ("wagtail_localize:edit_override", [1, 2], "edit_override"),
        ("wagtailadmin_reports:site_history", [], "site_history"),
        ("wagtailadmin_reports:site_history_results", [], "site_history_results"),
    ],
)
def test_the_views_that_check_before_wagtails_answer_at_its_addresses(theirs, args, ours):
    """The project's checking views shadow wagtail-localize's and Wagtail's at the same
    address: if an upgrade moves one of those addresses, the unchecked view would answer."""
    assert resolve(reverse(theirs, args=args)).view_name == ours


def test_a_translator_without_a_language_cannot_publish_by_updating_translations(
    client, django_user_model, demo, arabic
):
    page = demo["coordination"]
    arabic_page = page.get_translation(arabic)
    source = TranslationSource.objects.get(object_id=page.translation_key)
    # a title another translator typed in the editor, not reviewed
    StringTranslation.objects.filter(locale=arabic, translation_of__data=page.title).update(
        data="عنوان لم يراجعه أحد"
    )
    plain_translator = user_in(django_user_model, "olga", "Translators")
    client.force_login(plain_translator)
    update = reverse("wagtail_localize:update_translations", args=[source.pk])

    assert client.post(update, {"publish_translations": "on"}).status_code == 403
    assert client.get(update).status_code == 403

    arabic_page.refresh_from_db()
    assert arabic_page.title != "عنوان لم يراجعه أحد"


def test_an_editor_cannot_publish_snippet_translations_by_updating_them(
    client, django_user_model, arabic
):
    offer = Offer.objects.get(external_id="svc-01", locale__language_code="de")
    arabic_offer = offer.get_translation(arabic)
    source = TranslationSource.objects.get(object_id=offer.translation_key)
    StringTranslation.objects.filter(
        locale=arabic, context__object_id=offer.translation_key, context__path="title"
    ).update(data="عنوان لم يراجعه أحد")
    editor = user_in(django_user_model, "erika", "Editors")
    client.force_login(editor)
    update = reverse("wagtail_localize:update_translations", args=[source.pk])

    assert client.post(update, {"publish_translations": "on"}).status_code == 403

    arabic_offer.refresh_from_db()
    assert arabic_offer.title != "عنوان لم يراجعه أحد"
    # without publishing, updating only refreshes the source: that stays open to editors
    assert client.post(update, {}).status_code == 302


def german_post_linking(arabic):
    """A German post that links an offer, an actor, a topic and an author, each of which has
    an Arabic version."""
    index = BlogIndexPage.objects.get(locale__language_code="de")
    post = BlogPage(title="Beratung in Bergfeld", slug="beratung-in-bergfeld", teaser="Anriss.")
    post.post_topics = [
        BlogPageTopic(topic=Topic.objects.get(slug="language-cafes", locale__language_code="de"))
    ]
    post.related_offers = [
        BlogPageOffer(offer=Offer.objects.get(external_id="svc-01", locale__language_code="de"))
    ]
    post.related_actors = [
        BlogPageActor(actor=Actor.objects.get(external_id="org-01", locale__language_code="de"))
    ]
    post.post_authors = [
        BlogPageAuthor(
            author=Author.objects.get(slug="johanna-seifert", locale__language_code="de")
        )
    ]
    index.add_child(instance=post)
    post.save_revision().publish()
    related = (
        [row.offer for row in post.related_offers.all()]
        + [row.actor for row in post.related_actors.all()]
        + [row.author for row in post.post_authors.all()]
    )
    return post, [item.get_translation(arabic) for item in related]


def test_a_translator_translating_a_post_publishes_none_of_its_related_snippets(
    client, arabic, arabic_translator
):
    post, arabic_versions = german_post_linking(arabic)
    for version in arabic_versions:
        # the Arabic text changes in the source's memory only: a synchronisation would write it
        StringTranslation.objects.filter(
            locale=arabic, context__object_id=version.translation_key
        ).exclude(context__path__contains=".").update(data="نص لم يراجعه أحد")
    before = {version: str(version) for version in arabic_versions}
    topic = Topic.objects.get(slug="language-cafes", locale=arabic)
    client.force_login(arabic_translator)

    url = reverse("wagtail_localize:submit_page_translation", args=[post.pk])
    assert client.post(url, {"locales": [arabic.pk]}).status_code == 302

    for version in arabic_versions:
        version.refresh_from_db()
        assert str(version) == before[version]
        assert version.live
        assert version.live_revision is None or version.live_revision.user != arabic_translator
        assert not ModelLogEntry.objects.filter(
            object_id=str(version.pk), action="wagtail.publish", user=arabic_translator
        ).exists()
        draft = version.latest_revision
        assert draft.user == arabic_translator
        assert "نص لم يراجعه أحد" in json.dumps(draft.content, ensure_ascii=False)
        # what the synchronisation replaced can be restored from the history
        assert version.revisions.filter(object_str=before[version]).exists()
    topic.refresh_from_db()
    assert topic.name == "مقاهي اللغة"
    arabic_post = BlogPage.objects.get(translation_key=post.translation_key, locale=arabic)
    assert not PageLogEntry.objects.filter(
        page=arabic_post, action="wagtail.publish", user=arabic_translator
    ).exists()


def test_only_those_who_may_publish_convert_a_translation_back_to_an_alias(
    client, demo, arabic, arabic_translator, arabic_reviewer
):
    arabic_page = demo["coordination"].get_translation(arabic)
    url = reverse("wagtail_localize:convert_to_alias", args=[arabic_page.pk])
    client.force_login(arabic_translator)

    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403

    arabic_page.refresh_from_db()
    assert arabic_page.alias_of_id is None
    assert Translation.objects.filter(
        source__object_id=arabic_page.translation_key, target_locale=arabic
    ).exists()
    client.force_login(arabic_reviewer)
    assert client.get(url).status_code == 200


def test_translators_do_not_change_the_vocabulary_reviewers_of_the_language_do(
    client, arabic, arabic_translator, arabic_reviewer
):
    topic = Topic.objects.get(slug="language-cafes", locale=arabic)
    german = Topic.objects.get(slug="language-cafes", locale__language_code="de")
    translation = Translation.objects.get(
        source__object_id=topic.translation_key, target_locale=arabic
    )
    segment = translation.source.stringsegment_set.get(context__path="name")
    edit_string = reverse(
        "wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk]
    )
    new_name = urlencode({"value": "مقاهي اللغة والقراءة"})
    form = "application/x-www-form-urlencoded"
    client.force_login(arabic_translator)

    assert client.put(edit_string, new_name, content_type=form).status_code == 403
    own = reverse("wagtailsnippets_directory_topic:edit", args=[topic.pk])
    assert client.get(own).status_code != 200

    client.force_login(arabic_reviewer)
    assert client.put(edit_string, new_name, content_type=form).status_code in (200, 201)
    assert client.post(own, {"action": "publish"}).status_code == 302
    topic.refresh_from_db()
    assert topic.name == "مقاهي اللغة والقراءة"
    other = reverse("wagtailsnippets_directory_topic:edit", args=[german.pk])
    assert client.post(other, {"name": "x", "slug": german.slug}).status_code == 403
    german.refresh_from_db()
    assert german.name == "Sprachcafés"


def test_the_translations_report_of_every_language_is_closed_to_translators(
    client, arabic_translator
):
    client.force_login(arabic_translator)
    assert client.get(reverse("wagtail_localize:translations_report")).status_code == 403


def test_translators_see_no_drafts_of_other_languages_in_history_chooser_or_page_search(
    client, demo, arabic, arabic_translator
):
    page = demo["home"].add_child(
        instance=ContentPage(title="Geheimer Entwurf", slug="geheimer-entwurf", live=False)
    )
    page.save_revision(log_action=True)
    german = Offer.objects.get(external_id="svc-03", locale__language_code="de")
    german.title = "Entwurfstitel eines Angebots"
    german.save_revision(log_action=True)
    own = german.get_translation(arabic)
    own.title = "مسودة عنوان العرض"
    own.save_revision(log_action=True)
    client.force_login(arabic_translator)

    history = client.get(reverse("wagtailadmin_reports:site_history")).content.decode()
    results = client.get(reverse("wagtailadmin_reports:site_history_results")).content.decode()
    chooser = client.get(reverse("wagtailadmin_choose_page_search"), {"q": "Geheimer"})
    page_search = client.get(reverse("wagtailadmin_pages:search"), {"q": "Geheimer"})
    assert page_search.status_code == 200

    for text in (history, results, chooser.content.decode(), page_search.content.decode()):
        assert "Geheimer Entwurf" not in text
        assert "Entwurfstitel eines Angebots" not in text
    assert "مسودة عنوان العرض" in history
