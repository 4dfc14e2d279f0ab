"""The site as the benchmarks serve it under gunicorn: with the uploaded images at /media/,
as the proxy in front of it does in production (README, "Production"); documents stay
unserved, as there."""

from django.conf import settings
from netsite.wsgi import application as site
from whitenoise import WhiteNoise

# Renditions are written while pages are served, so the folders are looked up per request.
application = WhiteNoise(site, autorefresh=True, max_age=30 * 24 * 3600)
for folder in ("images", "original_images"):
    application.add_files(
        str(settings.MEDIA_ROOT / folder), prefix=f"{settings.MEDIA_URL}{folder}/"
    )
