from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=[("info", _("Information")), ("warning", _("Warning")), ("success", _("Good to know"))],
        default="info",
        label=_("kind"),
    )
    title = blocks.CharBlock(required=False, label=_("title"))
    text = blocks.RichTextBlock(features=["bold", "italic", "link", "ul", "ol"], label=_("text"))

    class Meta:
        icon = "help"
        template = "content/blocks/callout.html"


class FaqBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("question"))
    answer = blocks.RichTextBlock(features=["bold", "italic", "link", "ul", "ol"], label=_("answer"))

    class Meta:
        icon = "help"
        template = "content/blocks/faq.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(required=False, label=_("title"))

    class Meta:
        icon = "doc-full"
        template = "content/blocks/document.html"


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        form_classname="title", icon="title", label=_("heading"), template="content/blocks/heading.html"
    )
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ul", "ol", "h3"], label=_("paragraph")
    )
    callout = CalloutBlock()
    faq = blocks.ListBlock(
        FaqBlock(), icon="help", label=_("questions and answers"), template="content/blocks/faq_list.html"
    )
    document = DocumentLinkBlock()
