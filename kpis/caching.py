"""The version of what the KPI feeds' validators are computed from (dx_portal.versioned_cache): the indicators,
their figures and targets, and the plans' items. A conditional GET that matches (304) then reads the cache once
and the database not at all."""

from dx_portal.versioned_cache import DataVersion

from .models import Indicator, Observation, PlanItem, Target

KPI_DATA = DataVersion("kpis", [Indicator, Observation, Target, PlanItem])
