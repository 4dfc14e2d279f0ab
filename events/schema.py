"""schema.org description of an event, for JSON-LD in its page."""

from directory.schema import postal_address, without_empty

EVENT_STATUS = {
    "scheduled": "https://schema.org/EventScheduled",
    "cancelled": "https://schema.org/EventCancelled",
    "postponed": "https://schema.org/EventPostponed",
    "moved_online": "https://schema.org/EventMovedOnline",
    "rescheduled": "https://schema.org/EventRescheduled",
}
ATTENDANCE_MODE = {
    "in_person": "https://schema.org/OfflineEventAttendanceMode",
    "online": "https://schema.org/OnlineEventAttendanceMode",
    "mixed": "https://schema.org/MixedEventAttendanceMode",
}


def moment(value, all_day):
    return value.date().isoformat() if all_day else value.isoformat()


def event_json_ld(event, dates, url, place, organisers, language_code):
    """One ``Event`` per date in ``dates`` (a series is a list of events, one per date),
    with its status, where it takes place and who organises it."""
    locations = []
    if event.is_in_person:
        locations.append(
            {
                "@type": "Place",
                "name": event.venue or (place.name if place else ""),
                "address": postal_address(event.street, event.postcode, place),
            }
        )
    if event.is_online:
        locations.append({"@type": "VirtualLocation", "url": url})
    attendance = "online" if event.status == "moved_online" else event.attendance
    return [
        without_empty(
            {
                "@context": "https://schema.org",
                "@type": "Event",
                "name": event.title,
                "description": event.teaser,
                "url": url,
                "inLanguage": language_code,
                "startDate": moment(date.start, date.all_day),
                "endDate": moment(date.end, date.all_day) if date.end else None,
                "previousStartDate": moment(date.original_start, date.all_day)
                if date.original_start
                else None,
                "eventStatus": EVENT_STATUS[date.status],
                "eventAttendanceMode": ATTENDANCE_MODE[attendance],
                "location": locations[0] if len(locations) == 1 else locations,
                "organizer": [
                    {"@type": "Organization", "name": actor.name} for actor in organisers
                ],
                "isAccessibleForFree": event.is_free,
            }
        )
        for date in dates
    ]
