"""Template filters for dates in 和暦, fiscal years, yen and person names (dx_portal.formatting)."""

from django import template

from dx_portal import formatting

register = template.Library()

register.filter("wareki", formatting.wareki)
register.filter("fiscal_year", formatting.fiscal_year)
register.filter("yen", formatting.yen)
register.filter("person", formatting.person_name)
