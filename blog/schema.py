"""schema.org description of a blog post, for JSON-LD in its page."""

from directory.schema import without_empty


def post_json_ld(post, url, image_url, authors, publisher):
    """A ``BlogPosting`` with its authors, dates, language and publisher."""
    return without_empty(
        {
            "@context": "https://schema.org",
            "@type": "BlogPosting",
            "headline": post.title,
            "description": post.teaser,
            "url": url,
            "mainEntityOfPage": url,
            "inLanguage": post.locale.language_code,
            "datePublished": post.date.isoformat() if post.date else None,
            "dateModified": post.last_published_at.isoformat() if post.last_published_at else None,
            "image": image_url,
            "timeRequired": f"PT{post.reading_time}M",
            "articleSection": post.get_post_type_display(),
            "author": [
                {
                    "@type": "Person",
                    "name": author.name,
                    "jobTitle": author.role,
                    "affiliation": {"@type": "Organization", "name": author.organisation_name},
                }
                for author in authors
            ],
            "publisher": {"@type": "Organization", "name": publisher},
        }
    )
