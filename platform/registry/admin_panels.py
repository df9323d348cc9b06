"""Panels that other apps add to the establishment screen (the case engine adds the case history and open
violations), so the registry shows them without depending on the apps above it."""

_PANELS: list = []


def register_establishment_panel(render):
    """``render(request, establishment) -> str`` (HTML, or "" for nothing); returns ``render``."""
    _PANELS.append(render)
    return render


def establishment_panels(request, establishment) -> list[str]:
    return [html for html in (render(request, establishment) for render in _PANELS) if html]
