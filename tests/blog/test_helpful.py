"""The "helpful" count: once per visitor and day, without cookies, never stale on a cached post."""

from datetime import timedelta

import pytest
from django.utils import timezone

from blog.models import HelpfulSalt, HelpfulVote

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def post(make_post):
    return make_post("Hilfreicher Beitrag")


def helpful(client, post, address="203.0.113.7", agent="Firefox", **extra):
    return client.post(
        f"/de/helpful/{post.pk}/", REMOTE_ADDR=address, HTTP_USER_AGENT=agent, **extra
    )


def test_a_visitor_is_counted_once_a_day_and_a_new_day_counts_again(client, post, monkeypatch):
    assert helpful(client, post, **JSON).json()["count"] == 1
    assert helpful(client, post, **JSON).json()["count"] == 1
    assert helpful(client, post, agent="Chromium", **JSON).json()["count"] == 2
    assert helpful(client, post, address="198.51.100.1", **JSON).json()["count"] == 3
    tomorrow = timezone.localdate() + timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args: tomorrow)
    answer = helpful(client, post, **JSON).json()
    assert answer["count"] == 4
    assert answer["label"] == "4 Personen fanden diesen Beitrag hilfreich."
    assert not client.cookies


def test_only_a_salted_hash_of_the_visitor_is_kept_and_only_for_the_day(client, post):
    helpful(client, post)
    vote = HelpfulVote.objects.get(page=post)
    assert "203.0.113.7" not in vote.visitor and len(vote.visitor) == 64
    assert HelpfulSalt.objects.filter(day=vote.day).exists()


def test_without_javascript_the_click_leads_back_to_the_post_with_its_count(client, post):
    response = helpful(client, post)
    assert response.status_code == 302
    assert response["Location"] == post.url + "?helpful=counted#helpful"
    page = client.get(response["Location"]).content.decode()
    assert "1 Person fand diesen Beitrag hilfreich." in page


def test_the_cached_post_never_holds_a_count_and_the_endpoint_is_never_cached(client, post):
    cached = client.get(post.url).content.decode()
    assert "data-helpful-count" in cached and "fand diesen Beitrag" not in cached
    helpful(client, post)
    counted = client.get(post.url + "?helpful=counted")
    assert "1 Person fand" in counted.content.decode()
    assert "fand diesen Beitrag" not in client.get(post.url).content.decode()
    answer = client.get(f"/de/helpful/{post.pk}/")
    assert answer.json()["count"] == 1
    assert "no-cache" in answer["Cache-Control"]


def test_unknown_posts_have_no_count(client):
    assert client.get("/de/helpful/999999/").status_code == 404
    assert client.post("/de/helpful/999999/").status_code == 404
