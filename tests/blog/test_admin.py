"""Editors write posts and submit them; moderators approve; the admin finds posts by author."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from blog.models import BlogPage
from directory.models import Topic

pytestmark = pytest.mark.django_db


def user_in(django_user_model, group_name):
    user = django_user_model.objects.create_user(username=group_name, password="x" * 20)
    user.groups.add(Group.objects.get(name=group_name))
    return user


def post_form(author, topic, **changes):
    data = {
        "title": "Neuer Treffpunkt in Auental",
        "slug": "neuer-treffpunkt-in-auental",
        "teaser": "Ab Dezember gibt es einen Treffpunkt für Familien.",
        "date": "",
        "post_type": "news",
        "post_authors": inline_formset([{"author": author.pk}]),
        "hero_image": "",
        "hero_alt": "",
        "body": streamfield([("paragraph", rich_text("<p>Jeden Freitag ab 15 Uhr.</p>"))]),
        "post_topics": inline_formset([{"topic": topic.pk}]),
        "tags": "treffpunkt",
        "related_offers": inline_formset([]),
        "related_actors": inline_formset([]),
        "related_posts": inline_formset([]),
        "search_description": "",
        "seo_title": "",
    }
    data.update(changes)
    return nested_form_data(data)


def test_editor_submits_a_post_a_moderator_approves_and_it_reaches_the_home_page(
    client, django_user_model, blog, author
):
    topic = Topic.objects.get(slug="childcare-school", locale__language_code="de")
    client.force_login(user_in(django_user_model, "Editors"))
    add_url = reverse("wagtailadmin_pages:add", args=["blog", "blogpage", blog["de"].pk])
    data = post_form(author, topic)
    data["action-submit"] = "submit"
    response = client.post(add_url, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else ""

    post = BlogPage.objects.get(slug="neuer-treffpunkt-in-auental")
    assert not post.live and post.current_workflow_state is not None
    assert client.get("/de/aktuelles/neuer-treffpunkt-in-auental/").status_code == 404

    client.force_login(user_in(django_user_model, "Moderators"))
    approve = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[post.pk, "approve", post.current_workflow_state.current_task_state.pk],
    )
    assert client.post(approve).status_code in (200, 302)
    post.refresh_from_db()
    assert post.live and post.date is not None  # the date defaults to the day of publishing
    client.logout()
    assert "Neuer Treffpunkt in Auental" in client.get("/de/").content.decode()


def test_an_image_needs_its_alternative_text(blog, author):
    image = Image.objects.create(title="Treffen", file=get_test_image_file())
    post = BlogPage(title="Mit Bild", slug="mit-bild", teaser="Bild.", hero_image=image)
    post.locale = blog["de"].locale
    with pytest.raises(ValidationError) as error:
        post.clean()
    assert "hero_alt" in error.value.message_dict


def test_admin_listing_finds_posts_by_author_topic_and_status(
    admin_client, blog, author, make_post
):
    draft = make_post("Entwurf über Arbeit", topics=("job-search",))
    draft.unpublish()
    listing = reverse("blog_posts:index")

    def listed(**params):
        response = admin_client.get(listing, params)
        assert response.status_code == 200
        return {page.title for page in response.context["pages"]}

    by_author = listed(author=author.pk)
    assert "Entwurf über Arbeit" in by_author
    assert all(
        author.translation_key in {a.translation_key for a in page.authors}
        for page in BlogPage.objects.filter(title__in=by_author)
    )
    work = Topic.objects.get(slug="work", locale__language_code="de")
    assert "Entwurf über Arbeit" in listed(topic=work.pk)
    assert "Entwurf über Arbeit" in listed(status="draft")
    assert "Entwurf über Arbeit" not in listed(status="live")
