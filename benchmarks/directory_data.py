"""Generate a large directory in the exchange format: actors and offers in four locales.

    python benchmarks/directory_data.py OUTPUT_FOLDER [--actors 500] [--offers 2500]

Each actor and offer id is written in de, en, ar and uk, so the defaults give
2,000 actors and 10,000 offers. The vocabulary is the demo network's
(directory/demo/taxonomies.csv), so the data imports next to the demo.
"""

import argparse
import csv
import random
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOCALES = ["de", "en", "ar", "uk"]
KINDS = [
    "municipality", "counselling_centre", "association", "religious_community", "education",
    "employer", "volunteer_initiative", "migrant_organisation", "health_service", "other",
]  # fmt: skip
LANGUAGES = ["de", "en", "ar", "uk", "ru", "fa", "tr", "ku", "ti", "fr"]
WORDS = {
    "de": "Beratung Kurs Treffpunkt Hilfe Begleitung Gruppe Café Werkstatt Sprechstunde".split(),
    "en": "Counselling Course Meeting point Help Support Group Café Workshop Consultation".split(),
    "ar": "استشارة دورة ملتقى مساعدة مرافقة مجموعة مقهى ورشة استقبال".split(),
    "uk": "Консультація Курс Зустріч Допомога Супровід Група Кафе Майстерня Прийом".split(),
}


def vocabulary():
    """Topic, target group and place slugs of the demo vocabulary."""
    slugs = {"topic": [], "target_group": [], "place": []}
    with open(ROOT / "directory" / "demo" / "taxonomies.csv", encoding="utf-8") as file:
        for row in csv.DictReader(file):
            if row["slug"] not in slugs[row["type"]]:
                slugs[row["type"]].append(row["slug"])
    return slugs


def text(rng, locale, count):
    return " ".join(rng.choice(WORDS[locale]) for _ in range(count))


def generate(folder, actors, offers, seed=7):
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "directory" / "demo" / "taxonomies.csv", folder / "taxonomies.csv")
    terms = vocabulary()
    with open(folder / "organizations.csv", "w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(
            ["id", "locale", "name", "description", "kind", "email", "phone", "website",
             "street", "postcode", "place", "latitude", "longitude", "languages", "topics",
             "summary", "opening_hours"]
        )  # fmt: skip
        for number in range(actors):
            place = rng.choice(terms["place"])
            facts = [
                rng.choice(KINDS), f"info{number}@bench.example", f"+49 9999 {number:06d}",
                f"https://actor{number}.bench.example/", f"Hauptstraße {number % 200 + 1}",
                f"{99990 + number % 8}", place, f"{50.9 + rng.random() / 5:.5f}",
                f"{10.0 + rng.random() / 2:.5f}",
                ";".join(["de"] + rng.sample(LANGUAGES[1:], 2)),
                ";".join(rng.sample(terms["topic"], 2)),
            ]  # fmt: skip
            for locale in LOCALES:
                name = f"{text(rng, locale, 2)} {number}"
                writer.writerow(
                    [f"bench-actor-{number}", locale, name, text(rng, locale, 40), *facts,
                     text(rng, locale, 12), "mo 09:00-12:00;th 14:00-18:00"]
                )  # fmt: skip
    with open(folder / "services.csv", "w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(
            ["id", "locale", "organization_id", "name", "description", "topics",
             "target_groups", "languages", "cost", "place", "summary", "schedule", "cost_note"]
        )  # fmt: skip
        for number in range(offers):
            cost = "free" if rng.random() < 0.8 else "fee"
            facts = [
                ";".join(rng.sample(terms["topic"], 2)),
                ";".join(rng.sample(terms["target_group"], 1)),
                ";".join(["de"] + rng.sample(LANGUAGES[1:], 1)),
                cost,
                rng.choice(terms["place"]),
            ]
            provider = f"bench-actor-{rng.randrange(actors)}"
            for locale in LOCALES:
                writer.writerow(
                    [f"bench-offer-{number}", locale, provider, f"{text(rng, locale, 3)} {number}",
                     text(rng, locale, 60), *facts, text(rng, locale, 14), text(rng, locale, 5),
                     "5 €" if cost == "fee" else ""]
                )  # fmt: skip


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--actors", type=int, default=500, help="actor ids (x4 locales)")
    parser.add_argument("--offers", type=int, default=2500, help="offer ids (x4 locales)")
    args = parser.parse_args()
    generate(args.folder, args.actors, args.offers)
    print(f"Wrote {args.actors * 4} actors and {args.offers * 4} offers to {args.folder}")


if __name__ == "__main__":
    main()
