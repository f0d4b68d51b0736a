"""Charts of the home pages, registered by each app in its ``AppConfig.ready`` and drawn on the server as
SVG (no JavaScript, works offline, readable by screen readers through ``<title>``/``<desc>`` and a data
table under each chart)::

    register_chart(role=Role.ADMIN_LSP, key="permohonan-status", title=_("Permohonan per status"),
                   build=selectors.permohonan_status_chart, order=10)

``build(today)`` returns a ``ChartData``: its rows (a label, one value per series, optionally the URL of
the filtered list the row stands for) computed by the database in one aggregate query. Charts show the
whole LSP (for the admin), so the figures are cached for ``LSP_DASHBOARD_CACHE_SECONDS`` (short: a home
page at 100k asesi never waits for six aggregates at once); ``0`` turns the cache off.

The geometry (``bar_geometry``, ``column_geometry``) is pure: numbers in, coordinates out."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache

HORIZONTAL = "bar"  # one row per category, bars to the right (long labels, phones)
VERTICAL = "column"  # one column per period (trends)


@dataclass(frozen=True)
class Row:
    label: str
    values: tuple[int, ...]
    url: str = ""

    @property
    def total(self) -> int:
        return sum(self.values)


@dataclass(frozen=True)
class ChartData:
    rows: list[Row]
    series: tuple[str, ...] = ("",)
    note: str = ""  # a sentence under the chart (what is counted, which period)


@dataclass(frozen=True)
class Chart:
    role: str
    key: str
    title: str
    build: Callable
    kind: str = HORIZONTAL
    order: int = 50
    description: str = ""


_charts: list[Chart] = []


def register_chart(*, role, key, title, build, kind=HORIZONTAL, order=50, description=""):
    if kind not in (HORIZONTAL, VERTICAL):
        raise ValueError(f"unknown chart kind {kind!r}")
    if not any(c.key == key for c in _charts):
        _charts.append(Chart(str(role), key, title, build, kind, order, description))


def charts_for_role(role: str) -> list[Chart]:
    return sorted((c for c in _charts if c.role == str(role)), key=lambda c: c.order)


def chart_data(chart: Chart, today) -> ChartData:
    """The chart's figures for ``today``, from the cache when they are fresh enough."""
    seconds = getattr(settings, "LSP_DASHBOARD_CACHE_SECONDS", 60)
    if not seconds:
        return chart.build(today)
    key = f"lsp:chart:{chart.key}:{today.isoformat()}"
    data = cache.get(key)
    if data is None:
        data = chart.build(today)
        cache.set(key, data, seconds)
    return data


def chart_forget(key: str, today) -> None:
    """Drop one chart's cached figures (after a change that must show at once)."""
    cache.delete(f"lsp:chart:{key}:{today.isoformat()}")


def render_context(chart: Chart, data: ChartData) -> dict:
    """What ``lsp/_chart.html`` draws: the title, the table and the SVG shapes."""
    geometry = bar_geometry(data.rows) if chart.kind == HORIZONTAL else column_geometry(data.rows)
    return {
        "key": chart.key,
        "title": chart.title,
        "description": chart.description,
        "kind": chart.kind,
        "note": data.note,
        "series": [str(s) for s in data.series],
        "multi": len(data.series) > 1,
        "rows": data.rows,
        "empty": not any(r.total for r in data.rows),
        **geometry,
    }


# --- geometry (pure) -------------------------------------------------------------------------------

BAR_HEIGHT = 22
BAR_GAP = 8
LABEL_ROOM = 22  # labels are written above each bar, so bars use the whole width on a phone too
WIDTH = 600
SERIES_CLASSES = ("lsp-chart-s0", "lsp-chart-s1", "lsp-chart-s2", "lsp-chart-s3")


@dataclass
class Shape:
    x: float
    y: float
    w: float
    h: float
    css: str
    value: int
    series: str = ""


@dataclass
class Placed:
    label: str
    total: int
    url: str
    label_x: float
    label_y: float
    value_x: float
    value_y: float
    shapes: list[Shape] = field(default_factory=list)


def _scale(maximum: int, span: float) -> float:
    return span / maximum if maximum > 0 else 0.0


def bar_geometry(rows: list[Row], width: int = WIDTH) -> dict:
    """Horizontal (stacked) bars, one row per category: the label above its bar, the total after it."""
    value_room = 60
    unit = _scale(max((r.total for r in rows), default=0), width - value_room)
    line = LABEL_ROOM + BAR_HEIGHT + BAR_GAP
    placed = []
    for i, row in enumerate(rows):
        top = i * line
        x = 0.0
        shapes = []
        for s, value in enumerate(row.values):
            w = round(value * unit, 1)
            shapes.append(Shape(round(x, 1), top + LABEL_ROOM, w, BAR_HEIGHT, SERIES_CLASSES[s % 4], value))
            x += w
        placed.append(
            Placed(row.label, row.total, row.url, 0, top + LABEL_ROOM - 5, round(x + 6, 1),
                   top + LABEL_ROOM + BAR_HEIGHT * 0.75, shapes)
        )
    return {"width": width, "height": max(line * len(rows), line), "placed": placed}


def column_geometry(rows: list[Row], width: int = WIDTH, height: int = 220) -> dict:
    """Vertical (stacked) columns, one per period: the label under the column, the total above it."""
    label_room, value_room = 22, 18
    span = height - label_room - value_room
    unit = _scale(max((r.total for r in rows), default=0), span)
    slot = width / max(len(rows), 1)
    bar = slot * 0.7
    placed = []
    for i, row in enumerate(rows):
        left = i * slot + (slot - bar) / 2
        base = height - label_room
        shapes = []
        y = float(base)
        for s, value in enumerate(row.values):
            h = round(value * unit, 1)
            y -= h
            shapes.append(Shape(round(left, 1), round(y, 1), round(bar, 1), h, SERIES_CLASSES[s % 4], value))
        centre = round(i * slot + slot / 2, 1)
        placed.append(Placed(row.label, row.total, row.url, centre, height - 6, centre, round(y - 4, 1), shapes))
    return {"width": width, "height": height, "placed": placed}
