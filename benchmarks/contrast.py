"""Contrast of the site's colour tokens (the custom properties at the top of site.css) in every
state where one meets another: text and links on each background, hover, focus rings, buttons,
notices, badges and the header.

    .venv/bin/python benchmarks/contrast.py

Prints each pair's WCAG 2 contrast ratio and the minimum it needs (AA: 4.5 for text, 3 for
focus rings and other marks that carry meaning); the exit status is 1 when a pair misses it.
"""

import re
import sys
from pathlib import Path

CSS = Path(__file__).resolve().parents[1] / "site" / "static" / "css" / "site.css"
TEXT, MARK = 4.5, 3.0
# (where, foreground token, background token, minimum)
PAIRS = [
    ("body text", "text", "background", TEXT),
    ("body text on panels and the footer", "text", "surface", TEXT),
    ("secondary text", "muted", "background", TEXT),
    ("secondary text on panels", "muted", "surface", TEXT),
    ("secondary text on tiles", "muted", "brand-tint", TEXT),
    ("links", "brand", "background", TEXT),
    ("links on panels and the footer", "brand", "surface", TEXT),
    ("links on tiles and the hero", "brand", "brand-tint", TEXT),
    ("links in notices", "brand", "notice", TEXT),
    ("links, hovered", "brand-dark", "background", TEXT),
    ("links on panels, hovered", "brand-dark", "surface", TEXT),
    ("links on tiles, hovered", "brand-dark", "brand-tint", TEXT),
    ("header text and links", "on-brand", "brand", TEXT),
    ("menu links", "on-brand", "brand-dark", TEXT),
    ("buttons", "on-brand", "brand", TEXT),
    ("buttons, hovered", "on-brand", "brand-dark", TEXT),
    ("text in notices", "text", "notice", TEXT),
    ("badges", "text", "brand-tint", TEXT),
    ("badge: free of charge", "text", "free", TEXT),
    ("badge: cancelled", "on-cancelled", "cancelled", TEXT),
    ("badge: changed", "on-changed", "changed", TEXT),
    ("search hits", "text", "mark", TEXT),
    ("form errors", "error", "background", TEXT),
    ("focus ring", "focus", "background", MARK),
    ("focus ring on panels", "focus", "surface", MARK),
    ("focus ring on tiles", "focus", "brand-tint", MARK),
    ("focus ring in the header", "focus-on-brand", "brand", MARK),
    ("focus ring in the menu", "focus-on-brand", "brand-dark", MARK),
    ("current menu item's mark", "accent", "brand-dark", MARK),
    ("form field borders", "muted", "background", MARK),
]


def tokens(css):
    """The ``--color-*`` custom properties of the first ``:root`` rule: name -> hex colour."""
    root = css[css.index(":root") : css.index("}", css.index(":root"))]
    return dict(re.findall(r"--color-([a-z-]+):\s*(#[0-9a-fA-F]{6})", root))


def luminance(hex_colour):
    """The relative luminance of ``#rrggbb`` (WCAG 2)."""
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def ratio(foreground, background):
    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def main():
    colours = tokens(CSS.read_text(encoding="utf-8"))
    failed = 0
    for where, foreground, background, minimum in PAIRS:
        value = ratio(colours[foreground], colours[background])
        verdict = "ok" if value >= minimum else "TOO LOW"
        failed += value < minimum
        print(f"{value:5.2f} ≥ {minimum:<3}  {verdict:7}  {where} ({foreground} on {background})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
