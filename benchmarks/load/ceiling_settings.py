"""The site's settings (middleware, cache, database) with the ceiling's URLconf."""

from netsite.settings import *  # noqa: F403

ROOT_URLCONF = "ceiling"
