"""Load the demo network's directory: its page in every demo language and its actors and offers."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from directory.exchange import import_directory
from directory.models import Actor, DirectoryPage, Topic
from home.demo.layout import load_home_layout
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

    def handle(self, **options):
        page_in_every_language(DirectoryPage, DIRECTORY_PAGE)
        complete_language_trees()
        if not Actor.objects.exists():
            report = import_directory(DEMO_FOLDER, by="manage.py load_directory_demo")
            self.stdout.write(f"Imported {report.counts}.")
        topics = Topic.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
        if load_home_layout({topic.slug: topic for topic in topics}):
            self.stdout.write("The home page got its topic tiles and sections.")
        self.stdout.write(self.style.SUCCESS("Demo directory ready."))
