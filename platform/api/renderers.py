from rest_framework.renderers import JSONRenderer

_HTML_SAFE = {ord(">"): "\\u003e", ord("<"): "\\u003c", ord("&"): "\\u0026"}


class SafeJSONRenderer(JSONRenderer):
    """JSON whose text never contains raw < > &: labels written by administrators can never become markup,
    even if a client drops the document into a page. The parsed data is unchanged."""

    def render(self, data, accepted_media_type=None, renderer_context=None):
        body = super().render(data, accepted_media_type, renderer_context)
        if not body:
            return body
        return body.decode("utf-8").translate(_HTML_SAFE).encode("utf-8")
