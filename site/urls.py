"""URLs: the admin and machine-readable files outside, everything public under a language prefix."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.generic import TemplateView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.urls import serve_pattern

from blog import comment_views
from directory import views as directory_views
from home import health, translation_views
from home import views as home_views
from search import views as search_views

# The 503 page while the database is down, else the 500 page.
handler500 = "home.operations.server_error"

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    # Wagtail's site history, limited to a translator's languages (home/translation_views.py).
    path("admin/reports/site-history/", translation_views.site_history, name="site_history"),
    path(
        "admin/reports/site-history/results/",
        translation_views.site_history_results,
        name="site_history_results",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", home_views.sitemap, name="sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots_txt",
    ),
    path("favicon.ico", home_views.favicon),
    path("api/directory/offers/", directory_views.api_offers, name="api_offers"),
    path("api/directory/actors/", directory_views.api_actors, name="api_actors"),
]

if settings.DEBUG:
    # Uploaded images for runserver; documents only through /documents/, which checks
    # their collection's privacy.
    from django.views.static import serve as serve_media

    urlpatterns += [
        re_path(
            rf"^{settings.MEDIA_URL.strip('/')}/(?!documents/)(?P<path>.*)$",
            serve_media,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

urlpatterns += i18n_patterns(
    path("search/", search_views.search, name="search"),
    path("search/suggest/", search_views.suggest, name="search_suggest"),
    path("helpful/<int:post_id>/", comment_views.helpful, name="post_helpful"),
    # Wagtail's URLs, its pages routed from the lookups kept per content version
    # (home/routing.py, home/views.py).
    *(pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"),
    re_path(serve_pattern, home_views.serve, name="wagtail_serve"),
)
