"""The editor's hints for easy-language text (``easy_language.check``), shown in the page editor
for the text as last saved, or as just sent when the form came back with errors."""

from wagtail.admin.panels import Panel

from .easy_language import check


class EasyLanguageHintsPanel(Panel):
    """Hints, never errors: what the checker finds in the page's easy-language text."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "accessibility/panels/easy_language_hints.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            texts = self.instance.easy_language_texts()
            context["has_text"] = any(text.strip() for text in texts)
            context["hints"] = [hint for text in texts for hint in check(text)]
            return context
