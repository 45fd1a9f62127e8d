import datetime

from django.template import Context, Template
from django.utils import translation


def render(source, **context):
    return Template("{% load dx %}" + source).render(Context(context))


def test_dates_show_in_wareki_in_japanese_and_plainly_in_english():
    day = datetime.date(2022, 10, 4)
    with translation.override("ja"):
        assert render("{{ d|wareki }}", d=day) == "令和4年10月4日"
    with translation.override("en"):
        assert render("{{ d|wareki }}", d=day) == "4 Oct 2022"


def test_a_datetime_shows_in_tokyo_time():
    moment = datetime.datetime(2022, 10, 3, 23, 30, tzinfo=datetime.UTC)
    with translation.override("ja"):
        assert render("{{ t|wareki }}", t=moment) == "令和4年10月4日 08:30"


def test_yen_are_whole_and_grouped():
    with translation.override("ja"):
        assert render("{{ v|yen }}", v=1234567) == "1,234,567円"
    with translation.override("en"):
        assert render("{{ v|yen }}", v=1234567) == "¥1,234,567"


def test_fiscal_years_are_named_in_the_era():
    with translation.override("ja"):
        assert render("{{ y|fiscal_year }}", y=2022) == "令和4年度"
    with translation.override("en"):
        assert render("{{ y|fiscal_year }}", y=2022) == "FY2022"


def test_a_date_outside_the_shown_range_reads_in_iso_in_either_language():
    for language in ("ja", "en"):
        with translation.override(language):
            assert render("{{ d|wareki }}", d=datetime.date(9999, 12, 31)) == "9999-12-31"
            assert render("{{ d|wareki }}", d=datetime.date(1, 1, 1)) == "0001-01-01"
    with translation.override("ja"):
        assert render("{{ d|wareki }}", d=datetime.date(1989, 1, 8)) == "平成元年1月8日"


def test_every_filter_gives_text_for_any_stored_value():
    far = datetime.datetime(9999, 12, 31, 23, 59, tzinfo=datetime.UTC)
    with translation.override("ja"):
        assert render("{{ t|wareki }}", t=far) == "9999-12-31 23:59+00:00"
        assert render("{{ y|fiscal_year }}", y=9999) == "9999年度"
        assert render("{{ y|fiscal_year }}", y=2019) == "令和元年度"
        assert render("{{ v|yen }}", v="n/a") == "n/a"


TABLE = (
    "{% table rows class=kind %}<tbody>{% for r in rows %}<tr><td>{{ r }}</td></tr>{% endfor %}</tbody>"
    "{% empty %} {{ message }} {% endtable %}"
)


def test_a_table_with_rows_shows_them_escaped_in_the_scrolling_frame():
    html = render(TABLE, rows=["<b>"], kind="gv-wide", message="none")
    assert html == '<div class="table-wrap">\n  <table class="gv-wide"><tbody><tr><td>&lt;b&gt;</td></tr></tbody></table>\n</div>'


def test_a_table_without_rows_is_its_empty_message_escaped_once():
    assert render(TABLE, rows=[], kind="", message="A & <i>") == '<p class="empty">A &amp; &lt;i&gt;</p>'
