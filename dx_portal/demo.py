"""Demo data from the source document, loaded idempotently by `manage.py load_demo`.

The source is a snapshot of 令和4年10月4日 (``SOURCE_DATE``). The demo replays its story on the day it is
loaded: every date of the projects and of the bodies' records moves by the same number of days, so that
the source's morning falls on that day and the newest reports are days or weeks old. KPI figures keep
their real fiscal years. Loaded ``as_of`` the source date, the demo is the source's snapshot exactly.

Each app contributes a ``demo.load(out, story)`` function; they run in this order in one transaction,
each creating or updating rows by natural key so that a second run on the same day changes nothing.
A module whose rows carry the story's dates also offers ``loaded_as_of()`` (the day they were replayed
for) and ``clear()`` (for ``load_demo --rebuild``).
"""

import datetime
from dataclasses import dataclass
from importlib import import_module

from dx_portal.business_days import is_business_day

SOURCE_DATE = datetime.date(2022, 10, 4)
# In the order of the floors: projects are placed under the plan's measures, which the KPIs' demo loads.
DEMO_MODULES = ["organisation.demo", "kpis.demo", "projects.demo", "governance.demo_bodies", "inquiries.demo"]


@dataclass(frozen=True)
class Story:
    """The source's story replayed so that its snapshot day is ``as_of``."""

    as_of: datetime.date = SOURCE_DATE

    @property
    def shift(self) -> datetime.timedelta:
        return self.as_of - SOURCE_DATE

    def on(self, day: datetime.date | None) -> datetime.date | None:
        """The day in the replayed story of ``day`` in the source's."""
        return None if day is None else day + self.shift

    def on_business_day(self, day: datetime.date | None) -> datetime.date | None:
        """As ``on``, moved back to a business day: meetings and due dates fall on days the offices are open.

        Back, not forward, so that what was past due on the source's morning still is on the load day.
        """
        day = self.on(day)
        while day is not None and not is_business_day(day):
            day -= datetime.timedelta(days=1)
        return day


def put(model, lookup: dict, values: dict, actor):
    """update_or_create that saves only when something differs, so a rerun adds no history row."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
    elif all(getattr(obj, name) == value for name, value in values.items()):
        return obj
    else:
        for name, value in values.items():
            setattr(obj, name, value)
    obj._history_user = actor
    obj.save()
    return obj


def _modules() -> list:
    modules = []
    for name in DEMO_MODULES:
        try:
            modules.append(import_module(name))
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
    return modules


def loaded_as_of() -> datetime.date | None:
    """The day the demo in the database was replayed for, by the first module with dated rows (None: none loaded)."""
    days = (module.loaded_as_of() for module in _modules() if hasattr(module, "loaded_as_of"))
    return next((day for day in days if day is not None), None)


def load_all(out, story: Story, *, rebuild: bool = False) -> None:
    """Load every module's demo; ``rebuild`` first clears their dated rows (the last module's first)."""
    modules = _modules()
    if rebuild:
        for module in reversed(modules):
            if hasattr(module, "clear"):
                module.clear()
    for module in modules:
        module.load(out, story)
