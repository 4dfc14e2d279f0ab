"""Checks against outside standards: the HTML validator here, Lighthouse in benchmarks/."""

# The pages checked, one of each kind, in German (left to right) and Arabic (right to left).
PAGES = {
    "de": [
        "/de/",
        "/de/ueber-das-netzwerk/",
        "/de/angebote/",
        "/de/angebote/offers/deutschkurs-fuer-frauen-in-kirchdorf-a1-a2/",
        "/de/angebote/actors/volkshochschule-lindental/",
        "/de/aktuelles/",
        "/de/aktuelles/neues-sprachcafe-bergfeld/",
        "/de/search/?q=Deutschkurs",
        "/de/mitmachen/mitglied-werden/",
        "/de/ueber-das-netzwerk/koordinierungsstelle/kontakt/",
        "/de/barrierefreiheit/",
        "/de/leichte-sprache/",
        "/de/leichte-sprache/wie-finde-ich-einen-deutschkurs/",
        "/de/gebaerdensprache/",
        "/de/angebote/my-list/?offers=1,5,9",
    ],
    "ar": [
        "/ar/",
        "/ar/about-the-network/",
        "/ar/offers/",
        "/ar/offers/offers/deutschkurs-fuer-frauen-in-kirchdorf-a1-a2/",
        "/ar/offers/actors/volkshochschule-lindental/",
        "/ar/news/",
        "/ar/news/new-language-cafe-bergfeld/",
        "/ar/search/?q=Deutschkurs",
        "/ar/join-the-network/become-a-member/",
        "/ar/about-the-network/coordination-office/contact/",
        "/ar/accessibility/",
        "/ar/offers/my-list/?offers=1,5,9",
    ],
}
