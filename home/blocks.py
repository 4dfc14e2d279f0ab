"""StreamField blocks shared by the site's page types.

Every block is translatable with wagtail-localize: words are CharBlock,
TextBlock or RichTextBlock; facts such as phone numbers use blocks that
wagtail-localize keeps in sync with the source (RegexBlock, EmailBlock,
choosers). Nothing here embeds a third-party service.
"""

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Page
from wagtail.snippets.blocks import SnippetChooserBlock

from .cache import per_content_version
from .icons import ICONS

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    """A section heading; the page title is the only h1."""

    text = blocks.CharBlock(label=_("Text"), max_length=255)
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Heading 2")), ("h3", _("Heading 3"))], default="h2", label=_("Level")
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading.html"


class ImageBlock(blocks.StructBlock):
    """An image with required alternative text and an optional caption."""

    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=255,
        help_text=_("Describe the image for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=255)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False, max_length=255)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote.html"


class CallToActionBlock(blocks.StructBlock):
    """A prominent invitation with a button to a page or an address."""

    title = blocks.CharBlock(label=_("Title"), max_length=255)
    text = blocks.TextBlock(label=_("Text"), required=False)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("Web address"), required=False)
    button_label = blocks.CharBlock(label=_("Button label"), max_length=100)

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "blocks/call_to_action.html"

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            message = _("Choose either a page or a web address.")
            raise StructBlockValidationError(
                block_errors={
                    "page": ErrorList([ValidationError(message)]),
                    "url": ErrorList([ValidationError(message)]),
                }
            )
        return value


class PhoneBlock(blocks.RegexBlock):
    """A phone number; a fact, so wagtail-localize keeps it in sync with the source."""

    def __init__(self, **kwargs):
        super().__init__(
            regex=r"^\+?[0-9 ()/-]{4,30}$",
            error_messages={"invalid": _("Enter a phone number such as +49 30 1234567.")},
            **kwargs,
        )


class ContactCardBlock(blocks.StructBlock):
    """A person or office to contact, with clickable phone and e-mail."""

    name = blocks.CharBlock(label=_("Name"), max_length=255)
    role = blocks.CharBlock(label=_("Role"), required=False, max_length=255)
    organisation = blocks.CharBlock(label=_("Organisation"), required=False, max_length=255)
    phone = PhoneBlock(label=_("Phone"), required=False)
    email = blocks.EmailBlock(label=_("E-mail"), required=False)
    address = blocks.TextBlock(label=_("Address"), required=False)

    class Meta:
        icon = "user"
        label = _("Contact card")
        template = "blocks/contact_card.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    label = blocks.CharBlock(
        label=_("Link text"),
        required=False,
        max_length=255,
        help_text=_("Leave empty to use the document's title."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Document link")
        template = "blocks/document_link.html"


class TableBlock(blocks.StructBlock):
    """A simple table whose cells wagtail-localize can translate; the first row is the header."""

    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=255)
    rows = blocks.ListBlock(
        blocks.ListBlock(blocks.CharBlock(required=False, label=_("Cell")), label=_("Row")),
        label=_("Rows"),
        help_text=_("The first row is the table's header."),
    )

    class Meta:
        icon = "table"
        label = _("Table")
        template = "blocks/table.html"


class ContentBlocks(blocks.StreamBlock):
    """The body of content pages."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES, label=_("Paragraph"), template="blocks/paragraph.html"
    )
    image = ImageBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    contact = ContactCardBlock()
    document = DocumentLinkBlock()
    table = TableBlock()


class TopicTileBlock(blocks.StructBlock):
    """A topic of the directory and the icon of its tile."""

    # The vocabulary lives in the directory app, above this one: named, not imported.
    topic = SnippetChooserBlock("directory.Topic", label=_("Topic"))
    icon = blocks.ChoiceBlock(choices=ICONS, label=_("Icon"))

    class Meta:
        icon = "tag"
        label = _("Topic tile")


class TopicTilesBlock(blocks.StructBlock):
    """Entry tiles for the main topics, each leading to the directory's offers on it in the
    visitor's language."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=255)
    tiles = blocks.ListBlock(TopicTileBlock(), label=_("Tiles"), min_num=1, max_num=12)

    class Meta:
        icon = "grip"
        label = _("Topic tiles")
        template = "blocks/topic_tiles.html"


class ListedBlock(blocks.StructBlock):
    """The first of a list in the page's language (``count`` of them), with a link to all."""

    count = blocks.IntegerBlock(label=_("Number shown"), min_value=1, max_value=12, default=3)


class NextEventsBlock(ListedBlock):
    """The next dates of the events."""

    class Meta:
        icon = "date"
        label = _("Next events")
        template = "blocks/next_events.html"


class LatestPostsBlock(ListedBlock):
    """The newest posts of the blog, with their pictures."""

    class Meta:
        icon = "doc-full"
        label = _("Latest posts")
        template = "blocks/latest_posts.html"


class WhoWeAreBlock(blocks.StructBlock):
    """A short word about the network for partners, with a picture and a link to more."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=255)
    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Text"))
    image = ImageChooserBlock(label=_("Image"), required=False)
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=255,
        required=False,
        help_text=_("Describe the image for people who cannot see it."),
    )
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    link_label = blocks.CharBlock(label=_("Link text"), max_length=100, required=False)

    class Meta:
        icon = "group"
        label = _("Who we are")
        template = "blocks/who_we_are.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        if value.get("page"):
            context["linked"] = live_version_in(value["page"].pk, get_language())
        return context

    def clean(self, value):
        value = super().clean(value)
        if value.get("image") and not value.get("alt_text", "").strip():
            raise StructBlockValidationError(
                block_errors={
                    "alt_text": ErrorList(
                        [ValidationError(_("Describe the image for people who cannot see it."))]
                    )
                }
            )
        return value


class HomeSections(blocks.StreamBlock):
    """The sections of a home page, in the order the editors arrange them."""

    topic_tiles = TopicTilesBlock()
    next_events = NextEventsBlock()
    latest_posts = LatestPostsBlock()
    who_we_are = WhoWeAreBlock()


@per_content_version
def live_version_in(page_pk, language_code):
    """The live version of a page in a language (its translation or the alias that follows it),
    else the page itself; kept until the content changes."""
    page = Page.objects.get(pk=page_pk)
    version = (
        Page.objects.live()
        .filter(translation_key=page.translation_key, locale__language_code=language_code)
        .first()
    )
    return version or page
