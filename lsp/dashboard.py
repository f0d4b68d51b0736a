"""Home-page panels and navigation entries, registered by each app in its ``AppConfig.ready``.

This keeps imports one way: ``lsp`` renders the home page and the menu without importing the apps
that build on it.

    register_panel(role=Role.ASESI, template="asesi/_home.html", context=lambda request: {...})
    register_nav(role=Role.ASESI, label=_("Permohonan saya"), url_name="asesi:permohonan-list")
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

from .roles import Role, role_home_order


@dataclass(frozen=True)
class Panel:
    role: str
    template: str
    context: Callable | None = None
    order: int = 50


@dataclass(frozen=True)
class NavItem:
    role: str
    label: str
    url_name: str
    order: int = 50
    icon: str = ""


_panels: list[Panel] = []
_nav: list[NavItem] = []


def register_panel(*, role, template, context=None, order=50):
    panel = Panel(str(role), template, context, order)
    if panel not in _panels:
        _panels.append(panel)


def register_nav(*, role, label, url_name, order=50, icon=""):
    item = NavItem(str(role), label, url_name, order, icon)
    if item not in _nav:
        _nav.append(item)


def panels_for(request) -> list[dict]:
    """One section per role the user holds, in a fixed order, each with its registered panels."""
    roles = request.user.role_names
    sections = []
    for role in role_home_order():
        if role.value not in roles:
            continue
        panels = sorted((p for p in _panels if p.role == role.value), key=lambda p: p.order)
        sections.append(
            {
                "role": role.value,
                "label": role.label,
                "panels": [
                    {"template": p.template, "context": p.context(request) if p.context else {}} for p in panels
                ],
            }
        )
    return sections


def nav_for(user) -> list[dict]:
    """Menu groups, one per role the user holds: [{"role": label, "items": [{"label", "url"}]}]."""
    if not user.is_authenticated:
        return []
    groups = []
    for role in role_home_order():
        if role.value not in user.role_names:
            continue
        items = []
        for item in sorted((i for i in _nav if i.role == role.value), key=lambda i: i.order):
            try:
                url = reverse(item.url_name)
            except NoReverseMatch:
                continue
            items.append({"label": item.label, "url": url, "icon": item.icon})
        if items:
            groups.append({"role": role.value, "label": Role(role).label, "items": items})
    return groups
