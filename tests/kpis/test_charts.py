"""dx_portal.charts and its templates: SVG drawn on the server, accessible, readable without colour."""

import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.formats import number_format

from dx_portal.charts import (
    GREEN,
    RED,
    YELLOW,
    Segment,
    Series,
    format_number,
    nice_scale,
    render,
    series_chart,
    sparkline,
    stacked_bar_chart,
)

HEALTH = [Segment("green", "順調", GREEN), Segment("yellow", "注意", YELLOW, "hatch"), Segment("red", "遅延", RED, "cross")]


def bureau_chart(**kwargs):
    return stacked_bar_chart(
        title="局別の健全度", groups=["政策局", "総務局", "企業局"], segments=HEALTH, counts=[[3, 1, 0], [2, 0, 1], [0, 0, 0]],
        group_header="局", **kwargs,
    )


def test_numbers_are_grouped_without_trailing_zeros():
    assert [format_number(v) for v in (1314563, 92.70, 0, None)] == ["1,314,563", "92.7", "0", ""]


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_numbers_read_as_the_locale_writes_them_in_every_language_of_the_portal(language):
    values = [1314563, -1234.5, Decimal("0.000125"), Decimal("1E+3"), 999, Decimal("1234567.890")]
    with translation.override(language):
        for value in values:
            number = Decimal(str(value)).normalize()
            places = max(0, -number.as_tuple().exponent)
            assert format_number(value) == number_format(number, decimal_pos=places, use_l10n=True, force_grouping=True)


def test_the_axis_ends_on_a_round_number_above_the_largest_value():
    assert nice_scale(92.7) == (100, 25)
    assert nice_scale(1314563)[0] == 1500000
    assert nice_scale(0) == (1.0, 0.25)


def test_bars_are_as_tall_as_their_values_and_start_at_zero():
    chart = series_chart(title="RPA導入業務数", categories=["R1", "R2"], series=[Series("実績", [5, 20], kind="bar")])
    short, tall = chart.bars
    assert tall["height"] == 4 * short["height"]
    assert short["y"] + short["height"] == chart.plot["y1"]
    assert chart.y_ticks[-1]["label"] == "20"


def test_a_line_breaks_where_a_value_is_missing_and_marks_hollow_points():
    series = [Series("実績", [1, None, 3], hollow=[False, False, True])]
    chart = series_chart(title="推移", categories=["R1", "R2", "R3"], series=series)
    (line,) = chart.lines
    assert line["path"].count("M") == 2
    assert [p["hollow"] for p in line["points"]] == [False, True]


def test_series_differ_by_marker_and_dash_not_only_colour():
    chart = series_chart(title="推移", categories=["R1"], series=[Series("実績", [1]), Series("目標", [2], dashed=True)])
    actual, target = chart.legend
    assert actual["marker"] != target["marker"]
    assert target["dashed"] and not actual["dashed"]


def test_the_series_chart_renders_an_accessible_svg_and_a_table():
    chart = series_chart(
        title="電子決裁率", categories=["R3", "R4"], category_names=["令和3年度", "令和4年度"], category_header="年度",
        series=[Series("実績", [86.8, 92.7], hollow=[False, True])], y_max=100,
        format_value=lambda v: f"{format_number(v)}%", hollow_label="白抜きは速報値",
    )
    html = render(chart)
    assert re.search(rf'<svg[^>]*role="img"[^>]*aria-labelledby="{chart.id}-title {chart.id}-desc"', html)
    assert f'<title id="{chart.id}-title">電子決裁率</title>' in html
    assert "実績: 令和3年度 86.8% → 令和4年度 92.7%" in html
    assert "白抜きは速報値" in html
    assert '<th scope="row">令和4年度</th><td class="num">92.7%</td>' in html
    assert "style=" not in html and "<script" not in html


def test_the_stacked_bar_counts_each_segment_and_totals_each_group():
    chart = bureau_chart()
    assert [row[-1] for row in chart.table.rows] == ["4", "3", "0"]
    assert chart.table.headers == ["局", "順調", "注意", "遅延", "合計"]
    assert len(chart.bars) == 4
    assert "政策局 計4（順調3、注意1、遅延0）" in chart.description


def test_stacked_segments_differ_by_pattern_and_the_legend_names_them():
    html = render(bureau_chart())
    assert html.count("<pattern ") == 2
    for label in ("順調", "注意", "遅延"):
        assert f">{label}</text>" in html
    assert 'role="img"' in html and "<details" in html
    assert "style=" not in html


def test_a_vertical_stacked_bar_draws_months_along_the_axis():
    months = ["4月", "5月", "6月"]
    chart = stacked_bar_chart(title="月別の健全度", groups=months, segments=HEALTH, counts=[[5, 1, 0], [4, 2, 0], [4, 1, 1]],
                              orientation="vertical")
    assert [label["label"] for label in chart.x_labels] == months
    html = render(chart)
    assert ">4月</text>" in html


def test_two_charts_on_one_page_have_distinct_ids():
    assert bureau_chart().id != stacked_bar_chart(title="別", groups=["政策局"], segments=HEALTH, counts=[[1, 0, 0]]).id


def test_a_sparkline_carries_its_values_in_its_name_and_draws_nothing_without_values():
    chart = sparkline([5, 18, 16], label="推移: 5、18、16", hollow_last=True)
    html = render(chart)
    assert 'role="img" aria-label="推移: 5、18、16"' in html
    assert 'fill="#ffffff"' in html
    assert render(sparkline([], label="なし")).strip() == ""


def test_a_chart_escapes_what_it_is_given_and_speaks_the_page_language():
    chart = stacked_bar_chart(title="<script>x</script>", groups=['"政策局"'], segments=HEALTH, counts=[[1, 0, 0]])
    with translation.override("en"):
        html = render(chart) + render(sparkline([1, 2], label="<b>推移</b>"))
    assert "<script>" not in html and "&lt;script&gt;x&lt;/script&gt;" in html
    assert "&#34;政策局&#34;" in html and "&lt;b&gt;推移&lt;/b&gt;" in html
    assert "<summary>Show the chart&#39;s figures as a table</summary>" in html
