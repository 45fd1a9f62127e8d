"""Template filters for dates in 和暦, fiscal years, yen and person names (dx_portal.formatting), the charts
(``{% chart chart %}``: dx_portal.charts.render), and the one table-or-empty-state frame every list and section uses."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from dx_portal import charts, formatting

register = template.Library()

register.filter("wareki", formatting.wareki)
register.filter("fiscal_year", formatting.fiscal_year)
register.filter("yen", formatting.yen)
register.filter("person", formatting.person_name)
register.filter("fiscal_year_all_names", formatting.fiscal_year_all_names)
register.filter("month", formatting.month)
register.filter("local_name", formatting.local_name)
register.simple_tag(charts.render, name="chart")


class TableNode(template.Node):
    child_nodelists = ("body", "empty")

    def __init__(self, rows, css_class, body, empty):
        self.rows, self.css_class, self.body, self.empty = rows, css_class, body, empty

    def render(self, context):
        if not self.rows.resolve(context, ignore_failures=True):
            # The message is rendered template output (escaped already): strip() would lose its safe mark.
            return format_html('<p class="empty">{}</p>', mark_safe(self.empty.render(context).strip()))
        css_class = self.css_class.resolve(context) if self.css_class else ""
        return format_html(
            '<div class="table-wrap">\n  <table{}>{}</table>\n</div>',
            format_html(' class="{}"', css_class) if css_class else "",
            self.body.render(context),
        )


@register.tag
def table(parser, token):
    """``{% table rows class="…" %}<caption>…<tbody>…{% empty %}message{% endtable %}``: the rows in a
    scrollable table when there are any, else the message as the empty state."""
    bits = token.split_contents()
    if len(bits) not in (2, 3) or (len(bits) == 3 and not bits[2].startswith("class=")):
        raise template.TemplateSyntaxError('{% table rows [class="…"] %}')
    rows = parser.compile_filter(bits[1])
    css_class = parser.compile_filter(bits[2].removeprefix("class=")) if len(bits) == 3 else None
    body = parser.parse(("empty",))
    parser.delete_first_token()
    empty = parser.parse(("endtable",))
    parser.delete_first_token()
    return TableNode(rows, css_class, body, empty)
