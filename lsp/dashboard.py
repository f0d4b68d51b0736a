"""Home-page panels, the sidebar menu and its badge counts, registered by each app in its
``AppConfig.ready``.

This keeps imports one way: ``lsp`` renders the home page and the menu without importing the apps
that build on it.

    register_panel(role=Role.ASESI, template="asesi/_home.html", context=lambda request: {...})
    register_nav(role=Role.ASESI, label=_("Permohonan saya"), url_name="asesi:permohonan-list",
                 badge=lambda user: selectors.permohonan_dikembalikan_count(user))
    register_nav(role=Role.KOMITE, label=_("Keputusan pleno"), placeholder=_("Hadir bersama modul asesmen."))

A ``badge`` is a function of the user returning the QuerySet of what waits (or ``None``); every badge
of the menu and the bell's unread count are counted together in one query of scalar subqueries
(``nav_counts``), built once per request (``nav_for_request``), so the menu costs one query per page
whatever the roles, and each count stops at ``COUNT_CAP`` + 1 rows ("99+"), so it costs the same
whatever the data.
A ``placeholder`` is an item with no link yet: it says plainly what comes later instead of leading
to a page that does not exist."""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

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
    url_name: str = ""
    order: int = 50
    icon: str = ""
    badge: Callable | None = None
    badge_label: str = ""
    placeholder: str = ""


@dataclass(frozen=True)
class ActionItem:
    """One line of "what needs action today" on a role's home: how many records wait (``count(user)``
    returns a QuerySet, counted with the others in one query) and the filtered list they wait in
    (``url_name`` + ``query``; without ``url_name`` the number is shown alone, for a page still to come)."""

    role: str
    key: str
    label: str
    count: Callable
    url_name: str = ""
    query: str = ""
    order: int = 50
    tone: str = "info"


_panels: list[Panel] = []
_nav: list[NavItem] = []
_actions: list[ActionItem] = []


def register_panel(*, role, template, context=None, order=50):
    panel = Panel(str(role), template, context, order)
    if panel not in _panels:
        _panels.append(panel)


def register_nav(*, role, label, url_name="", order=50, icon="", badge=None, badge_label="", placeholder=""):
    """One menu item of ``role``: a link to ``url_name``, or (with ``placeholder`` and no url) a plain
    statement of what comes later. ``badge(user) -> int`` counts what waits there; ``badge_label`` is
    read out by screen readers after the number ("menunggu verifikasi")."""
    if not url_name and not placeholder:
        raise ValueError("a menu item needs url_name or placeholder")
    item = NavItem(str(role), label, url_name, order, icon, badge, badge_label, placeholder)
    if not any(i.role == item.role and i.label == item.label for i in _nav):
        _nav.append(item)


def register_action(*, role, key, label, count, url_name="", query="", order=50, tone="info"):
    """One line of "what needs action today" for ``role``: ``count(user)`` is the QuerySet of what waits
    (or ``None``), ``url_name`` + ``query`` the list filtered to it. ``key`` is unique across roles."""
    item = ActionItem(str(role), key, label, count, url_name, query, order, tone)
    if not any(a.key == key for a in _actions):
        _actions.append(item)


def actions_for(request, role: str) -> list[dict]:
    """The role's "what needs action today", every number counted in one query: ``[{"key", "label",
    "count", "url", "tone"}]`` (a line whose page is not installed yet shows its number without a link)."""
    user = request.user
    items = sorted((a for a in _actions if a.role == role), key=lambda a: a.order)
    querysets = {}
    for a in items:
        qs = a.count(user)
        if qs is not None:
            querysets[a.key] = qs
    counts = nav_counts(user, querysets) if querysets else {}
    out = []
    for a in items:
        if a.key not in querysets:
            continue
        url = ""
        if a.url_name:
            try:
                url = reverse(a.url_name) + (f"?{a.query}" if a.query else "")
            except NoReverseMatch:
                url = ""
        n = counts.get(a.key, 0)
        out.append({"key": a.key, "label": a.label, "count": n, "count_text": count_text(n), "url": url,
                    "tone": a.tone})
    return out


def panels_for(request, only_role: str | None = None) -> list[dict]:
    """One section per role the user holds, in a fixed order, each with what needs action today, its
    registered panels and its charts (``only_role``: the section of that role alone, for its own home
    page)."""
    from django.utils import timezone

    from .charts import chart_data, charts_for_role, render_context

    roles = request.user.role_names
    today = timezone.localdate()
    sections = []
    for role in role_home_order():
        if role.value not in roles or (only_role and role.value != only_role):
            continue
        panels = sorted((p for p in _panels if p.role == role.value), key=lambda p: p.order)
        sections.append(
            {
                "role": role.value,
                "label": role.label,
                "actions": actions_for(request, role.value),
                "panels": [
                    {"template": p.template, "context": p.context(request) if p.context else {}} for p in panels
                ],
                "charts": [render_context(c, chart_data(c, today)) for c in charts_for_role(role.value)],
            }
        )
    return sections


def nav_for(user) -> list[dict]:
    """Menu groups, one per role the user holds, each opening with that role's home page:
    ``[{"role", "label", "items": [{"label", "url", "icon", "badge", "badge_label", "placeholder"}]}]``."""
    if not user.is_authenticated:
        return []
    return _nav_groups(user, nav_counts(user, badge_querysets(user)))


def item_key(item: NavItem) -> str:
    return f"b{_nav.index(item)}"


def badge_querysets(user) -> dict:
    """The querysets the menu of ``user`` counts: one per badge of a role the user holds."""
    querysets = {}
    for item in _nav:
        if item.badge and item.url_name and item.role in user.role_names:
            qs = item.badge(user)
            if qs is not None:
                querysets[item_key(item)] = qs
    return querysets


# Counts of what waits stop at a cap: the menu, the bell, the home's "what needs action today" and the
# issuing list show "99+". Counting stops at cap + 1 rows (a LIMIT inside each subquery), so a number costs
# the same with 100 or 100,000 rows waiting: uncapped, the admin's "siap diterbitkan" badge alone counted
# ~9.5k decided applications against 300k certificates on every page (114 ms at the volume of
# ``seed_bench``); capped at 99 it takes 4 ms, at 999 still 80 ms (the planner turns to hash joins).
COUNT_CAP = 99


def count_text(n: int, cap: int | None = None) -> str:
    """How a capped count reads: ``"99+"`` beyond the cap, the number otherwise."""
    cap = COUNT_CAP if cap is None else cap
    return f"{cap}+" if n > cap else str(n)


def nav_counts(user, querysets: dict, cap: int | None = None) -> dict:
    """``{key: count}`` for each queryset, in one query (a scalar ``COUNT`` over each queryset limited
    to ``cap + 1`` rows): a count above ``cap`` means "more than ``cap``" (``count_text``)."""
    from django.db import connection

    cap = COUNT_CAP if cap is None else cap
    counts = {k: 0 for k, qs in querysets.items() if qs.query.is_empty()}
    live = [(k, qs) for k, qs in querysets.items() if k not in counts]
    if live:
        columns, params = [], []
        for i, (_k, qs) in enumerate(live):
            sql, qparams = qs.order_by().values("pk")[: cap + 1].query.sql_with_params()
            columns.append(f"(SELECT COUNT(*) FROM ({sql}) nav_{i})")
            params.extend(qparams)
        with connection.cursor() as cursor:
            cursor.execute("SELECT " + ", ".join(columns), params)
            row = cursor.fetchone()
        counts.update({k: row[i] or 0 for i, (k, _qs) in enumerate(live)})
    return counts


def _nav_groups(user, counts: dict) -> list[dict]:
    groups = []
    for role in role_home_order():
        if role.value not in user.role_names:
            continue
        items = [
            {
                "label": _("Beranda %(peran)s") % {"peran": role.label},
                "url": reverse("lsp:role-home", args=[role.value]),
                "icon": "house",
                "badge": None,
                "badge_text": "",
                "badge_label": "",
                "placeholder": "",
            }
        ]
        for item in sorted((i for i in _nav if i.role == role.value), key=lambda i: i.order):
            url = ""
            if item.url_name:
                try:
                    url = reverse(item.url_name)
                except NoReverseMatch:
                    continue
            items.append(
                {
                    "label": item.label,
                    "url": url,
                    "icon": item.icon,
                    "badge": counts.get(item_key(item)) or None,
                    "badge_text": count_text(counts.get(item_key(item)) or 0),
                    "badge_label": item.badge_label,
                    "placeholder": item.placeholder,
                }
            )
        groups.append({"role": role.value, "label": Role(role).label, "items": items})
    return groups


def nav_for_request(request) -> list[dict]:
    """``nav_for(request.user)``, built once per request (the sidebar, the offcanvas on phones and the
    breadcrumbs all read the same list)."""
    if not hasattr(request, "_lsp_nav"):
        user = getattr(request, "user", None)
        request._lsp_nav = _nav_groups(user, nav_counts_for_request(request)) if user and user.is_authenticated else []
    return request._lsp_nav


def nav_counts_for_request(request) -> dict:
    """The menu's badge counts and the bell's unread count (key ``"pemberitahuan"``), in one query per
    request."""
    if not hasattr(request, "_lsp_nav_counts"):
        from .selectors import pemberitahuan_unread

        user = request.user
        querysets = badge_querysets(user)
        querysets["pemberitahuan"] = pemberitahuan_unread(user)
        request._lsp_nav_counts = nav_counts(user, querysets)
    return request._lsp_nav_counts


def nav_position(groups: list[dict], path: str) -> dict:
    """Where ``path`` sits in the menu, for breadcrumbs: ``current`` is the label of the item whose
    URL is this path; ``trail`` is the item whose URL is the longest prefix of it (the list a detail
    page belongs to). Role home pages are not parents of other pages."""
    current, parent, parent_len = "", None, 0
    for group in groups:
        for item in group["items"]:
            url = item["url"]
            if not url:
                continue
            if url == path:
                current = current or item["label"]
            elif path.startswith(url) and len(url) > parent_len and "/beranda/" not in url:
                parent, parent_len = (item["label"], url), len(url)
    return {"current": current, "trail": [parent] if parent and not current else []}
