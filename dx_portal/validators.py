"""Validators shared by every app's models (and so by the forms and API serializers derived from them)."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from .formatting import FIRST_DATE, FIRST_FISCAL_YEAR, LAST_DATE, LAST_FISCAL_YEAR

# formatting.FIRST_DATE and LAST_DATE in 和暦.
DATE_OUT_OF_RANGE = _("平成元年1月8日から令和82年12月31日までの日付を入力してください。")

# Every DateField holds a date the portal can show in 和暦 and compute with: 9999-12-31, once accepted,
# made the project page and its history answer 500.
DATE_VALIDATORS = [MinValueValidator(FIRST_DATE, DATE_OUT_OF_RANGE), MaxValueValidator(LAST_DATE, DATE_OUT_OF_RANGE)]
FISCAL_YEAR_VALIDATORS = [MinValueValidator(FIRST_FISCAL_YEAR), MaxValueValidator(LAST_FISCAL_YEAR)]
