"""The header's links to the information in Leichte Sprache and in German Sign Language."""

from django import template
from wagtail.models import Site

from home.cache import per_content_version

from ..models import OFFERING_LANGUAGE, EasyLanguageIndexPage, SignLanguagePage

register = template.Library()


@per_content_version
def offering_urls(site_id):
    """The addresses of the live easy-language start page and sign-language page of the German
    tree of the site ``site_id`` (None: the default site), where there are; kept until the
    content changes."""
    sites = Site.objects.select_related("root_page")
    site = sites.get(pk=site_id) if site_id else sites.get(is_default_site=True)
    urls = {}
    models = {"easy_language": EasyLanguageIndexPage, "sign_language": SignLanguagePage}
    for name, model in models.items():
        page = (
            model.objects.live()
            .public()
            .filter(locale__language_code=OFFERING_LANGUAGE)
            .order_by("path")
            .first()
        )
        if page is not None:
            urls[name] = page.get_url(current_site=site)
    return urls


@register.simple_tag(takes_context=True)
def offering_links(context):
    """``{"easy_language": url, "sign_language": url}``, those that exist."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    return offering_urls(site.pk if site else None)
