"""The demo's pictures: friendly abstract illustrations drawn with Pillow for the project
(BSD-3-Clause, like the project; see README.md), stored as Wagtail images."""

import random
from io import BytesIO

from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from PIL import ImageDraw, ImageFilter
from wagtail.images import get_image_model

SIZE = (1200, 800)
# What every picture shows, for its alternative text in each language of the demo.
ALT_TEXT = {
    "de": "Illustration: bunte Kreise und Hügel unter einer Sonne",
    "en": "Illustration: colourful circles and hills under a sun",
    "ar": "رسم توضيحي: دوائر وتلال ملونة تحت الشمس",
    "uk": "Ілюстрація: кольорові кола й пагорби під сонцем",
    "fa": "تصویرسازی: دایره‌ها و تپه‌های رنگی زیر خورشید",
    "ru": "Иллюстрация: разноцветные круги и холмы под солнцем",
    "tr": "İllüstrasyon: güneşin altında renkli daireler ve tepeler",
}

# Soft backgrounds and the shapes' colours, from the site's palette and its neighbours.
BACKGROUNDS = ["#e3eff1", "#fdf3df", "#e8f3ea", "#f3e9f2", "#e9eef8"]
SHAPES = ["#0b5c6b", "#f2b134", "#c2410c", "#3f8f6b", "#6d5a9e", "#2f6fb0", "#e07a5f"]


def illustration(seed):
    """JPEG bytes of an abstract picture (overlapping circles, hills and a sun), the same for
    the same ``seed``."""
    chance = random.Random(seed)
    width, height = SIZE
    picture = PillowImage.new("RGB", SIZE, chance.choice(BACKGROUNDS))
    layer = PillowImage.new("RGBA", SIZE, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    sun = chance.choice(SHAPES[1:3])
    x, y, r = chance.randint(150, width - 150), chance.randint(120, 300), chance.randint(70, 130)
    draw.ellipse((x - r, y - r, x + r, y + r), fill=sun + "dd")
    for _ in range(chance.randint(5, 8)):
        x, y, r = chance.randint(0, width), chance.randint(0, height), chance.randint(60, 220)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=chance.choice(SHAPES) + "55")
    for level, colour in enumerate(chance.sample(SHAPES, 3)):
        top = height * (0.55 + 0.13 * level)
        points = [(0, height)]
        for step in range(9):
            points.append((width * step / 8, top + chance.randint(-60, 60)))
        points.append((width, height))
        draw.polygon(points, fill=colour + "cc")
    layer = layer.filter(ImageFilter.GaussianBlur(1.5))
    picture.paste(layer, (0, 0), layer)
    out = BytesIO()
    picture.save(out, "JPEG", quality=80, optimize=True, progressive=True)
    return out.getvalue()


def demo_image(slug):
    """The Wagtail image of the demo picture ``slug``, drawn and stored on first use."""
    Image = get_image_model()
    title = f"Illustration {slug}"
    image = Image.objects.filter(title=title).first()
    if image is None:
        image = Image(title=title)
        image.file = ImageFile(BytesIO(illustration(slug)), name=f"illustration-{slug}.jpg")
        image.save()
    return image
