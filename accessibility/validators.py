"""Checks of the files editors upload for sign-language videos: their type is read from their
first bytes, not only from their name, and their size is limited."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

VIDEO_EXTENSIONS = ["mp4", "webm"]
CAPTIONS_EXTENSIONS = ["vtt"]
WEBM_SIGNATURE = b"\x1a\x45\xdf\xa3"  # EBML, the container of WebM
BYTE_ORDER_MARK = b"\xef\xbb\xbf"


def first_bytes(file, count):
    file.seek(0)
    head = file.read(count)
    file.seek(0)
    return head


def check_size(file, limit):
    if file.size > limit:
        raise ValidationError(
            _("The file is too large (%(size)s); at most %(limit)s are allowed."),
            code="file_too_large",
            params={"size": filesizeformat(file.size), "limit": filesizeformat(limit)},
        )


def validate_video(file):
    """An MP4 or WebM video no larger than ``SIGN_LANGUAGE_VIDEO_MAX_BYTES``."""
    FileExtensionValidator(VIDEO_EXTENSIONS)(file)
    head = first_bytes(file, 12)
    if head[4:8] != b"ftyp" and not head.startswith(WEBM_SIGNATURE):
        raise ValidationError(
            _("This file is not an MP4 or WebM video. Upload the video as .mp4 or .webm."),
            code="not_a_video",
        )
    check_size(file, settings.SIGN_LANGUAGE_VIDEO_MAX_BYTES)


def validate_captions(file):
    """Captions in WebVTT (UTF-8 text that begins with "WEBVTT"), no larger than
    ``SIGN_LANGUAGE_CAPTIONS_MAX_BYTES``."""
    FileExtensionValidator(CAPTIONS_EXTENSIONS)(file)
    check_size(file, settings.SIGN_LANGUAGE_CAPTIONS_MAX_BYTES)
    text = first_bytes(file, file.size).removeprefix(BYTE_ORDER_MARK)
    try:
        text = text.decode("utf-8")
    except UnicodeDecodeError:
        text = ""
    if not (text == "WEBVTT" or text.startswith(("WEBVTT ", "WEBVTT\t", "WEBVTT\n", "WEBVTT\r"))):
        raise ValidationError(
            _("This file is not a WebVTT captions file: it must begin with “WEBVTT”."),
            code="not_webvtt",
        )
