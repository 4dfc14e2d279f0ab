"""The demo files' blocks, turned into raw StreamField data."""

import uuid


def list_value(items):
    """A ListBlock value in Wagtail's block format, whose item ids wagtail-localize needs."""
    return [{"type": "item", "value": item, "id": str(uuid.uuid4())} for item in items]


def stream_value(blocks, pages, topics=None, images=None):
    """Turn the demo file's blocks into raw StreamField data; `pages`, `topics` and `images`
    map the file's keys (topic slugs, picture names) to pages, topics and images."""
    stream = []
    for block in blocks:
        kind = block["type"]
        if kind == "heading":
            value = {"text": block["text"], "level": "h2"}
        elif kind == "paragraph":
            value = block["html"]
        elif kind == "call_to_action":
            value = {
                "title": block["title"],
                "text": block.get("text", ""),
                "page": pages[block["page"]].pk,
                "url": "",
                "button_label": block["button_label"],
            }
        elif kind == "table":
            value = {
                "caption": block.get("caption", ""),
                "rows": list_value([list_value(row) for row in block["rows"]]),
            }
        elif kind == "topic_tiles":
            tiles = [
                {"topic": topics[tile["topic"]].pk, "icon": tile["icon"]} for tile in block["tiles"]
            ]
            value = {"heading": block["heading"], "tiles": list_value(tiles)}
        elif kind == "who_we_are":
            value = {
                "heading": block["heading"],
                "text": block["html"],
                "image": images[block["image"]].pk if block.get("image") else None,
                "alt_text": block.get("alt_text", ""),
                "page": pages[block["page"]].pk,
                "link_label": block.get("link_label", ""),
            }
        else:
            value = {key: item for key, item in block.items() if key != "type"}
        stream.append({"type": kind, "value": value})
    return stream
