"""schema.org descriptions of actors and offers, for JSON-LD in pages and for the API."""

DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def absolute(request, path):
    return request.build_absolute_uri(path) if path else None


def detail_url(request, page, entry):
    """The absolute address of an actor's or offer's detail page on the directory ``page``."""
    if page is None:
        return None
    return absolute(request, page.entry_url(entry, request))


def postal_address(street, postcode, place):
    return {
        "@type": "PostalAddress",
        "streetAddress": street,
        "postalCode": postcode,
        "addressLocality": place.name if place else "",
        "addressCountry": "DE",
    }


def opening_hours(rows):
    return [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": f"https://schema.org/{DAYS[row.weekday]}",
            "opens": f"{row.opens:%H:%M}" if row.opens else None,
            "closes": f"{row.closes:%H:%M}" if row.closes else None,
            "description": "by appointment" if row.by_appointment else None,
        }
        for row in rows
    ]


def without_empty(data):
    """Drop keys whose value is empty, recursively, so the description stays readable."""
    if isinstance(data, dict):
        cleaned = {key: without_empty(value) for key, value in data.items()}
        return {key: value for key, value in cleaned.items() if value not in (None, "", [], {})}
    if isinstance(data, list):
        return [without_empty(item) for item in data]
    return data


def actor_json_ld(actor, request, page):
    """An actor as a schema.org Organization."""
    return without_empty(
        {
            "@context": "https://schema.org",
            "@type": "Organization",
            "identifier": actor.slug,
            "url": detail_url(request, page, actor),
            "name": actor.name,
            "description": actor.summary,
            "inLanguage": actor.locale.language_code,
            "additionalType": actor.kind,
            "sameAs": actor.website,
            "telephone": actor.phone,
            "email": actor.email,
            "address": postal_address(actor.street, actor.postcode, actor.place),
            "geo": {
                "@type": "GeoCoordinates",
                "latitude": float(actor.latitude),
                "longitude": float(actor.longitude),
            }
            if actor.latitude is not None and actor.longitude is not None
            else None,
            "knowsLanguage": [row.language for row in actor.languages.all()],
            "keywords": [row.topic.slug for row in actor.topics.all()],
            "openingHoursSpecification": opening_hours(actor.opening_hours.all()),
        }
    )


def offer_json_ld(offer, request, page):
    """An offer as a schema.org Service of its provider."""
    venue = offer.venue
    if venue is None:
        channel = {"@type": "ServiceChannel", "serviceUrl": offer.online_url}
    else:
        channel = {
            "@type": "ServiceChannel",
            "serviceLocation": {"@type": "Place", "address": postal_address(*venue)},
        }
    return without_empty(
        {
            "@context": "https://schema.org",
            "@type": "Service",
            "identifier": offer.slug,
            "url": detail_url(request, page, offer),
            "name": offer.title,
            "description": offer.summary,
            "inLanguage": offer.locale.language_code,
            "provider": {
                "@type": "Organization",
                "name": offer.provider.name,
                "identifier": offer.provider.slug,
                "url": detail_url(request, page, offer.provider),
            },
            "areaServed": offer.place.name if offer.place else None,
            "availableLanguage": [row.language for row in offer.languages.all()],
            "keywords": [row.topic.slug for row in offer.topics.all()],
            "audience": [
                {"@type": "Audience", "audienceType": row.target_group.name}
                for row in offer.target_groups.all()
            ],
            "isAccessibleForFree": offer.is_free,
            "availableChannel": channel,
            "hoursAvailable": opening_hours(offer.opening_hours.all()),
        }
    )
