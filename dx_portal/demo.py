"""Demo data from the source document, loaded idempotently by `manage.py load_demo`.

Each app contributes a ``demo.load(out)`` function; they run in this order in one transaction,
each creating or updating rows by natural key so that a second run changes nothing.
"""

from importlib import import_module

DEMO_MODULES = ["governance.demo", "projects.demo", "kpis.demo", "governance.demo_bodies"]


def load_all(out) -> None:
    for name in DEMO_MODULES:
        try:
            module = import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        module.load(out)
