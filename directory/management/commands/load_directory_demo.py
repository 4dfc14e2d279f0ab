"""Load the demo network's directory: its page in every demo language and its actors and offers."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from wagtail.models import Revision

from directory.exchange import import_directory
from directory.exchange.references import index_references
from directory.models import Actor, DirectoryPage, Topic
from home.demo.images import ALT_TEXT, demo_image
from home.demo.layout import load_home_layout
from home.demo.references import references_indexed_once
from home.demo.translate import page_in_every_language
from home.languages import complete_language_trees

DEMO_FOLDER = Path(__file__).resolve().parents[2] / "demo"
DIRECTORY_PAGE = {
    "de": {
        "title": "Angebote und Akteure",
        "slug": "angebote",
        "search_description": "Sprachkurse, Beratung und Hilfe im Landkreis Lindental.",
        "intro": "Hier finden Sie die Angebote der Partner im Integrationsnetzwerk: Sprachkurse, "
        "Beratung, Hilfe bei Wohnung und Arbeit, Treffpunkte und vieles mehr – nach Thema, Ort "
        "und Sprache sortiert.",
    },
    "en": {
        "title": "Offers and actors",
        "slug": "offers",
        "search_description": "Language courses, counselling and help in the district of "
        "Lindental.",
        "intro": "Here you find the offers of the network's partners: language courses, "
        "counselling, help with housing and work, meeting places and much more – sorted by "
        "topic, place and language.",
    },
    "ar": {
        "title": "العروض والجهات الفاعلة",
        "slug": "offers",
        "search_description": "دورات اللغة والاستشارات والمساعدة في مقاطعة ليندنتال.",
        "intro": "تجدون هنا عروض شركاء شبكة الاندماج: دورات اللغة، والاستشارات، والمساعدة في "
        "السكن والعمل، وأماكن اللقاء وغير ذلك الكثير – مرتبة حسب الموضوع والمكان واللغة.",
    },
    "uk": {
        "title": "Пропозиції та учасники",
        "slug": "offers",
        "search_description": "Мовні курси, консультації та допомога в районі Ліндентал.",
        "intro": "Тут ви знайдете пропозиції партнерів мережі інтеграції: мовні курси, "
        "консультації, допомогу з житлом і роботою, місця зустрічей та багато іншого – за "
        "темою, місцем і мовою.",
    },
}


class Command(BaseCommand):
    help = (
        "Create the demo directory page (translated with wagtail-localize, an alias in the "
        "other languages) and import the demo actors and offers from directory/demo/. Safe to "
        "run again."
    )

    @references_indexed_once()
    def handle(self, **options):
        page_in_every_language(DirectoryPage, DIRECTORY_PAGE)
        complete_language_trees()
        if not Actor.objects.exists():
            report = import_directory(DEMO_FOLDER, by="manage.py load_directory_demo")
            self.stdout.write(f"Imported {report.counts}.")
        if not Actor.objects.filter(image__isnull=False).exists():
            self.stdout.write(f"Pictures for {picture_actors()} actors.")
        topics = Topic.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
        if load_home_layout({topic.slug: topic for topic in topics}):
            self.stdout.write("The home page got its topic tiles and sections.")
        self.stdout.write(self.style.SUCCESS("Demo directory ready."))


def picture_actors():
    """Give every actor an illustration (the same in all its languages) with its alternative
    text in the actor's language, on the actor and in its latest revision; their number."""
    actors = list(Actor.objects.select_related("locale"))
    images = {}
    for actor in actors:
        if actor.external_id not in images:
            images[actor.external_id] = demo_image(f"actor-{actor.external_id}")
        actor.image = images[actor.external_id]
        actor.image_alt_text = ALT_TEXT.get(actor.locale.language_code, ALT_TEXT["en"])
    Actor.objects.bulk_update(actors, ["image", "image_alt_text"], batch_size=500)
    index_references(Actor, [actor.pk for actor in actors])
    by_revision = {actor.latest_revision_id: actor for actor in actors}
    revisions = list(Revision.objects.filter(pk__in=by_revision))
    for revision in revisions:
        actor = by_revision[revision.pk]
        revision.content.update(image=actor.image_id, image_alt_text=actor.image_alt_text)
    Revision.objects.bulk_update(revisions, ["content"], batch_size=500)
    return len(images)
