"""Charts drawn on the server as inline SVG: plain data in, geometry out, drawn by ``render`` through
templates/jinja2/charts/*.html (in a page: ``{% chart chart %}``, dx_portal.templatetags.dx).

No JavaScript and nothing from a CDN, so they pass a strict CSP and print as they show. Each chart is an
``<svg role="img">`` with a ``<title>`` and a ``<desc>`` (its accessible name and summary) and ``render``
adds a table of the same figures beside it. Colour is never the only cue: series also differ in marker
shape and dash, stacked segments in fill pattern, and every legend entry says its name in text. Colours are
SVG presentation attributes (not ``style=``), from the Digital Agency palette, and the drawing scales with
its ``viewBox``, so a chart needs no stylesheet and fits a 390 px screen.

Three charts:

``series_chart``
    Values over categories (fiscal years, months) as lines or bars, e.g. a KPI per year against its target::

        chart = series_chart(
            title="電子決裁率", categories=["R1", "R2", "R3", "R4"],
            category_names=["令和元年度", "令和2年度", "令和3年度", "令和4年度"],
            series=[Series("実績", [32.9, 56.8, 86.8, 92.7], kind="bar", hollow=[False, False, False, True]),
                    Series("目標", [None, None, None, 100], dashed=True)],
            y_max=100, format_value=lambda v: f"{format_number(v)}%", hollow_label="白抜きは速報値",
        )
        {% chart chart %}

``stacked_bar_chart``
    Counts per group stacked by category, e.g. projects by health per bureau (horizontal) or per month over
    the last twelve months (vertical)::

        segments = [Segment("green", "順調", GREEN), Segment("yellow", "注意", YELLOW, "hatch"),
                    Segment("red", "遅延", RED, "cross")]
        chart = stacked_bar_chart(title="局別の健全度", groups=["政策局", "総務局"], segments=segments,
                                  counts=[[3, 1, 0], [2, 0, 1]])
        {% chart chart %}

``sparkline``
    A small trend line for a table cell; its values are in its accessible name::

        {% chart row.sparkline %}  {# sparkline([5, 18, 16], label="RPA導入業務数の推移") #}
"""

import hashlib
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from .jinja2 import render_html

Number = int | float | Decimal

# Digital Agency palette (tokens.css), chosen for contrast on white and with each other.
BLUE = "#0031d8"
ORANGE = "#c74700"
GREEN = "#197a4b"
YELLOW = "#d2a400"
RED = "#ce0000"
GREY = "#666666"
SERIES_COLOURS = (BLUE, ORANGE, GREEN, GREY)
MARKERS = ("circle", "square", "diamond", "triangle")
PATTERNS = ("solid", "hatch", "cross", "dots")
TEXT = "#1a1a1c"

FONT_SIZE = 13
SMALL_FONT_SIZE = 12
LEGEND_ROW = 22


def format_number(value: Number | None) -> str:
    """1,314,563 or 92.7: grouped thousands, no trailing zeros.

    The separators of both the portal's languages (tests/kpis/test_charts.py holds them equal to Django's
    ``number_format``), written by Python's own format: Django's, which looks them up per call, took 10 µs a number
    and a KPI list shows a thousand."""
    if value is None:
        return ""
    return format(Decimal(str(value)).normalize(), ",f")


def text_width(text: str, size: int = FONT_SIZE) -> float:
    """An estimate of the drawn width: full-width (CJK) characters are about one em, others about half."""
    return sum(size if ord(char) > 0x2E7F else size * 0.58 for char in str(text))


def _chart_id(prefix: str, *parts) -> str:
    # Stable across renders (no random ids), distinct for distinct charts on one page.
    digest = hashlib.sha1(repr(parts).encode(), usedforsecurity=False).hexdigest()[:8]
    return f"{prefix}-{digest}"


def _r(value: float) -> float:
    return round(value, 1)


def nice_scale(maximum: float, ticks: int = 4) -> tuple[float, float]:
    """The top of the axis and the step between gridlines: round numbers (1, 2, 2.5, 5 × 10ⁿ) covering ``maximum``."""
    if maximum <= 0:
        return 1.0, 0.25
    rough = maximum / ticks
    magnitude = 10 ** math.floor(math.log10(rough))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= rough)
    return math.ceil(maximum / step - 1e-9) * step, step


@dataclass(frozen=True)
class Series:
    """A named row of values, one per category, ``None`` where there is none.

    ``kind`` is "line" or "bar"; ``dashed`` draws a line dashed (a target, a plan); ``hollow`` flags values drawn
    hollow (e.g. provisional figures: name that in ``series_chart(hollow_label=...)``); ``labelled`` writes each
    value next to its point or bar.
    """

    label: str
    values: Sequence[Number | None]
    kind: str = "line"
    dashed: bool = False
    hollow: Sequence[bool] = ()
    labelled: bool = True


@dataclass(frozen=True)
class Segment:
    """One category of a stacked bar: ``key`` (stable, for ids), ``label`` (legend and table), ``colour`` and a fill
    ``pattern`` from PATTERNS ("solid", "hatch", "cross", "dots") so that it differs from the others without colour."""

    key: str
    label: str
    colour: str
    pattern: str = "solid"


@dataclass
class Table:
    """The figures of a chart as a table: the alternative to the picture."""

    caption: str
    headers: list[str]
    rows: list[list[str]]


@dataclass
class Chart:
    """What the chart templates draw; every coordinate is in the ``viewBox`` (width × height)."""

    id: str
    title: str
    description: str
    width: int
    height: int
    table: Table
    plot: dict = field(default_factory=dict)
    y_ticks: list[dict] = field(default_factory=list)
    x_labels: list[dict] = field(default_factory=list)
    y_labels: list[dict] = field(default_factory=list)
    bars: list[dict] = field(default_factory=list)
    lines: list[dict] = field(default_factory=list)
    labels: list[dict] = field(default_factory=list)
    legend: list[dict] = field(default_factory=list)
    patterns: list[dict] = field(default_factory=list)
    orientation: str = "vertical"
    kind: str = "series"  # its template: charts/<kind>.html


def marker_path(marker: str, x: float, y: float, size: float = 5) -> str:
    """An SVG path for a point marker centred on (x, y): circle, square, diamond or triangle."""
    if marker == "square":
        return f"M{_r(x - size * 0.8)},{_r(y - size * 0.8)} h{_r(size * 1.6)} v{_r(size * 1.6)} h{_r(-size * 1.6)} Z"
    if marker == "diamond":
        return f"M{_r(x)},{_r(y - size * 1.1)} l{_r(size * 1.1)},{_r(size * 1.1)} l{_r(-size * 1.1)},{_r(size * 1.1)} " \
               f"l{_r(-size * 1.1)},{_r(-size * 1.1)} Z"
    if marker == "triangle":
        return f"M{_r(x)},{_r(y - size * 1.1)} l{_r(size)},{_r(size * 1.8)} h{_r(-size * 2)} Z"
    return f"M{_r(x - size)},{_r(y)} a{size},{size} 0 1,0 {size * 2},0 a{size},{size} 0 1,0 {-size * 2},0"


def _legend(entries: list[dict], width: int, left: int = 8) -> int:
    """Lay legend entries out in rows across the width; returns the height they take."""
    x, y = left, 0
    for entry in entries:
        entry_width = 28 + text_width(entry["label"]) + 16
        if x > left and x + entry_width > width:
            x, y = left, y + LEGEND_ROW
        entry.update(x=_r(x), x2=_r(x + 22), y=y + 4, mid_y=y + 11, text_x=_r(x + 26), text_y=y + 15)
        if "marker" in entry:
            entry["marker_path"] = marker_path(entry["marker"], x + 11, y + 11)
        x += entry_width
    return y + LEGEND_ROW + 6 if entries else 0


def _plot(x0: float, x1: float, y0: float, y1: float) -> dict:
    """The plot area, and where the axis labels go: left of it (right-aligned) and under it."""
    return {"x0": x0, "x1": x1, "y0": y0, "y1": y1, "tick_x": x0 - 6, "axis_label_y": y1 + 20}


def _pattern(chart_id: str, key: str, colour: str, pattern: str) -> tuple[str, dict | None]:
    """The fill of a segment or bar: its colour, or a pattern painted over it."""
    if pattern == "solid":
        return colour, None
    pattern_id = f"{chart_id}-{key}"
    return f"url(#{pattern_id})", {"id": pattern_id, "kind": pattern, "colour": colour}


def series_chart(
    *,
    title: str,
    categories: Sequence[str],
    series: Sequence[Series],
    category_names: Sequence[str] | None = None,
    category_header: str = "",
    description: str = "",
    y_max: Number | None = None,
    format_value: Callable[[Number], str] = format_number,
    hollow_label: str = "",
    width: int = 640,
    height: int = 320,
) -> Chart:
    """Lines and bars of one or more series over categories (shown along the x axis, left to right).

    ``categories`` label the axis (keep them short: "R4", "4月"); ``category_names`` (same length) name them in full
    in the table and the description ("令和4年度"). ``y_max`` fixes the top of the axis (100 for a percentage);
    otherwise it is a round number above the largest value; the axis always starts at zero. ``format_value``
    writes a value with its unit in labels and the table.
    """
    names = list(category_names or categories)
    chart_id = _chart_id("chart", title, list(categories), [(s.label, list(s.values)) for s in series])
    values = [float(v) for s in series for v in s.values if v is not None]
    top, step = nice_scale(max([float(y_max or 0), *values, 0]))
    if y_max is not None:
        top = float(y_max)
        step = nice_scale(top)[1]

    bar_series = [s for s in series if s.kind == "bar"]
    legend, patterns = [], []
    for index, item in enumerate(series):
        colour = SERIES_COLOURS[index % len(SERIES_COLOURS)]
        fill = colour
        if item.kind == "bar":
            # Bars of several series differ in pattern too, not only in colour.
            slot = bar_series.index(item)
            fill, pattern = _pattern(chart_id, f"s{index}", colour, PATTERNS[slot % len(PATTERNS)])
            patterns += [pattern] if pattern else []
        legend.append({
            "label": item.label, "kind": item.kind, "colour": colour, "fill": fill,
            "marker": MARKERS[index % len(MARKERS)], "dashed": item.dashed, "hollow": False,
        })
    if hollow_label:
        legend.append({"label": hollow_label, "kind": "line", "colour": TEXT, "marker": "circle", "dashed": False,
                       "hollow": True})
    legend_height = _legend(legend, width)

    tick_labels = [format_value(step * i) for i in range(int(round(top / step)) + 1)]
    left = int(max(text_width(label, SMALL_FONT_SIZE) for label in tick_labels)) + 16
    plot = _plot(left, width - 12, legend_height + 14, height - 32)
    plot_width, plot_height = plot["x1"] - plot["x0"], plot["y1"] - plot["y0"]

    def y_of(value: float) -> float:
        return _r(plot["y1"] - (min(value, top) / top) * plot_height)

    band = plot_width / max(len(categories), 1)
    y_ticks = [{"y": y_of(step * i), "label": label} for i, label in enumerate(tick_labels)]
    x_labels = [{"x": _r(plot["x0"] + band * (i + 0.5)), "label": label} for i, label in enumerate(categories)]

    group = band * 0.7
    bar_width = group / max(len(bar_series), 1)
    bars, lines, labels = [], [], []
    for index, item in enumerate(series):
        style = legend[index]
        hollow = list(item.hollow) + [False] * (len(item.values) - len(item.hollow))
        if item.kind == "bar":
            slot = bar_series.index(item)
            for i, value in enumerate(item.values):
                if value is None:
                    continue
                x = plot["x0"] + band * i + (band - group) / 2 + slot * bar_width
                y = y_of(float(value))
                bars.append({"x": _r(x + 1), "y": y, "width": _r(bar_width - 2), "height": _r(plot["y1"] - y),
                             "colour": style["colour"], "fill": style["fill"], "hollow": hollow[i]})
                if item.labelled:
                    labels.append({"x": _r(x + bar_width / 2), "y": _r(y - 6), "text": format_value(value)})
        else:
            points, path, pen_down = [], [], False
            for i, value in enumerate(item.values):
                if value is None:
                    pen_down = False
                    continue
                x, y = _r(plot["x0"] + band * (i + 0.5)), y_of(float(value))
                path.append(f"{'L' if pen_down else 'M'}{x},{y}")
                pen_down = True
                points.append({"x": x, "y": y, "hollow": hollow[i], "marker": marker_path(style["marker"], x, y)})
                if item.labelled:
                    labels.append({"x": x, "y": _r(y - 10), "text": format_value(value)})
            lines.append({"path": " ".join(path), "points": points, **style})

    table = Table(
        caption=title,
        headers=[category_header, *(s.label for s in series)],
        rows=[[name, *("" if s.values[i] is None else format_value(s.values[i]) for s in series)]
              for i, name in enumerate(names)],
    )
    return Chart(
        id=chart_id, title=title, description=description or _describe(names, series, format_value),
        width=width, height=height, table=table, plot=plot, y_ticks=y_ticks, x_labels=x_labels,
        bars=bars, lines=lines, labels=labels, legend=legend, patterns=patterns,
    )


def _describe(names: Sequence[str], series: Sequence[Series], format_value) -> str:
    parts = []
    for item in series:
        known = [(names[i], v) for i, v in enumerate(item.values) if v is not None]
        if not known:
            continue
        (first_name, first), (last_name, last) = known[0], known[-1]
        if len(known) == 1:
            parts.append(f"{item.label}: {first_name} {format_value(first)}")
        else:
            parts.append(f"{item.label}: {first_name} {format_value(first)} → {last_name} {format_value(last)}")
    return _("、").join(parts) if parts else _("データがありません。")


def stacked_bar_chart(
    *,
    title: str,
    groups: Sequence[str],
    segments: Sequence[Segment],
    counts: Sequence[Sequence[int]],
    group_header: str = "",
    orientation: str = "horizontal",
    description: str = "",
    width: int = 640,
    height: int = 320,
) -> Chart:
    """Counts per group stacked by category: ``counts[i][j]`` is the count of ``segments[j]`` in ``groups[i]``.

    "horizontal" draws a bar per group, one under the other, with the group's name on its left (bureaus);
    "vertical" draws a column per group along the x axis (months; keep their names short). Each segment wide
    enough carries its count, and each bar its total; the table lists every count and the totals.
    """
    if orientation not in ("horizontal", "vertical"):
        raise ValueError("orientation must be 'horizontal' or 'vertical'")
    chart_id = _chart_id("stack", title, list(groups), [s.key for s in segments], [list(c) for c in counts])
    fills, patterns = [], []
    for segment in segments:
        fill, pattern = _pattern(chart_id, segment.key, segment.colour, segment.pattern)
        fills.append(fill)
        if pattern:
            patterns.append(pattern)
    legend = [{"label": s.label, "fill": fills[j]} for j, s in enumerate(segments)]
    legend_height = _legend(legend, width)
    totals = [sum(row) for row in counts]
    top, step = nice_scale(max([*totals, 0]))

    bars, labels = [], []
    if orientation == "horizontal":
        row_height, gap = 26, 12
        left = int(max([text_width(g) for g in groups] or [0])) + 16
        top_y = legend_height + 8
        plot = _plot(left, width - 48, top_y, top_y + len(groups) * (row_height + gap))
        height = plot["y1"] + 28
        scale = (plot["x1"] - plot["x0"]) / top
        x_labels = [{"x": _r(plot["x0"] + step * i * scale), "label": format_number(step * i)}
                    for i in range(int(round(top / step)) + 1)]
        y_labels = []
        for i, group in enumerate(groups):
            y = plot["y0"] + gap / 2 + i * (row_height + gap)
            y_labels.append({"y": _r(y + row_height / 2 + 4), "label": group})
            x = plot["x0"]
            for j, count in enumerate(counts[i]):
                if not count:
                    continue
                length = count * scale
                bars.append({"x": _r(x), "y": _r(y), "width": _r(length), "height": row_height, "fill": fills[j]})
                if length >= text_width(str(count)) + 8:
                    labels.append({"x": _r(x + length / 2), "y": _r(y + row_height / 2 + 4), "text": str(count)})
                x += length
            labels.append({"x": _r(x + 6), "y": _r(y + row_height / 2 + 4), "text": str(totals[i]), "anchor": "start"})
        y_ticks = []
    else:
        tick_labels = [format_number(step * i) for i in range(int(round(top / step)) + 1)]
        left = int(max(text_width(label, SMALL_FONT_SIZE) for label in tick_labels)) + 16
        plot = _plot(left, width - 12, legend_height + 18, height - 32)
        scale = (plot["y1"] - plot["y0"]) / top
        band = (plot["x1"] - plot["x0"]) / max(len(groups), 1)
        column = band * 0.7
        y_ticks = [{"y": _r(plot["y1"] - step * i * scale), "label": label} for i, label in enumerate(tick_labels)]
        x_labels = [{"x": _r(plot["x0"] + band * (i + 0.5)), "label": g} for i, g in enumerate(groups)]
        y_labels = []
        for i in range(len(groups)):
            x = plot["x0"] + band * i + (band - column) / 2
            y = plot["y1"]
            for j, count in enumerate(counts[i]):
                if not count:
                    continue
                length = count * scale
                y -= length
                bars.append({"x": _r(x), "y": _r(y), "width": _r(column), "height": _r(length), "fill": fills[j]})
                if length >= SMALL_FONT_SIZE + 4 and column >= text_width(str(count)) + 4:
                    labels.append({"x": _r(x + column / 2), "y": _r(y + length / 2 + 4), "text": str(count)})
            labels.append({"x": _r(x + column / 2), "y": _r(y - 6), "text": str(totals[i])})

    table = Table(
        caption=title,
        headers=[group_header, *(s.label for s in segments), _("合計")],
        rows=[[group, *(str(c) for c in counts[i]), str(totals[i])] for i, group in enumerate(groups)],
    )
    if not description:
        parts = [f"{group} " + _("計%(total)s（%(detail)s）") % {
            "total": totals[i], "detail": _("、").join(
                _("%(label)s%(count)s") % {"label": s.label, "count": counts[i][j]} for j, s in enumerate(segments))}
            for i, group in enumerate(groups)]
        description = _("、").join(parts) if parts else _("データがありません。")
    return Chart(
        id=chart_id, title=title, description=description, width=width, height=height, table=table, plot=plot,
        y_ticks=y_ticks, x_labels=x_labels, y_labels=y_labels, bars=bars, labels=labels, legend=legend,
        patterns=patterns, orientation=orientation, kind="stacked_bar",
    )


@dataclass
class Sparkline:
    """A small trend line; ``label`` is its accessible name and should carry the values."""

    label: str
    width: int
    height: int
    path: str
    last: dict | None


def sparkline(
    values: Sequence[Number | None], *, label: str, hollow_last: bool = False, width: int = 120, height: int = 32
) -> Sparkline:
    """A trend line of ``values`` (left to right, ``None`` skipped) scaled between their minimum and maximum; the
    last point is drawn as a dot, hollow when ``hollow_last`` (e.g. a provisional figure)."""
    known = [(i, float(v)) for i, v in enumerate(values) if v is not None]
    if not known:
        return Sparkline(label=label, width=width, height=height, path="", last=None)
    low, high = min(v for _, v in known), max(v for _, v in known)
    span = (high - low) or 1.0
    pad = 4
    count = max(len(values) - 1, 1)

    def point(i: int, v: float) -> tuple[float, float]:
        x = pad + (width - 2 * pad) * (i / count if len(values) > 1 else 0.5)
        y = height - pad - (height - 2 * pad) * ((v - low) / span if high > low else 0.5)
        return _r(x), _r(y)

    points = [point(i, v) for i, v in known]
    path = " ".join(f"{'M' if n == 0 else 'L'}{x},{y}" for n, (x, y) in enumerate(points))
    x, y = points[-1]
    return Sparkline(label=label, width=width, height=height, path=path, last={"x": x, "y": y, "hollow": hollow_last})


def render(chart: Chart | Sparkline) -> SafeString:
    """The chart's SVG, and a chart's figures as a table, through Jinja2 (every value escaped): the template language
    took 5.0 ms for the portfolio's two charts, which Jinja2 draws in 1.9."""
    kind = "sparkline" if isinstance(chart, Sparkline) else chart.kind
    return render_html(f"charts/{kind}.html", {"chart": chart, "show_figures": _("グラフの数値を表で見る")})
