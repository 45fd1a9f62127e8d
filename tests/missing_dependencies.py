"""Optional system parts some tests need, and no silent gaps when one is missing.

A test that cannot run for want of one is skipped with ``Dependency.reason``; the run then ends with one
block naming what did not run and the command that installs it, and fails when the ``CI`` variable is
set (CI installs everything, so a skip there means a broken machine). A pytest plugin: ``pytest_plugins``
in tests/conftest.py.
"""

import os
from collections import defaultdict
from dataclasses import dataclass

import pytest

PREFIX = "missing system part: "


@dataclass(frozen=True)
class Dependency:
    """A program the suite needs for some tests, and how to install it."""

    name: str
    install: str

    @property
    def reason(self) -> str:
        return f"{PREFIX}{self.name} (install: {self.install})"

    def skip(self) -> pytest.MarkDecorator:
        return pytest.mark.skip(reason=self.reason)


CHROMIUM = Dependency("Chromium (/usr/bin/chromium)", "apt-get install chromium fonts-noto-cjk")
POSTGRESQL_SERVER = Dependency("PostgreSQL server programs (initdb, pg_ctl)", "apt-get install postgresql")
LDAP = Dependency(
    "OpenLDAP server (slapd) and python-ldap",
    "apt-get install slapd ldap-utils libldap2-dev libsasl2-dev && pip install -r requirements-ldap.txt",
)

PDF = Dependency(
    "WeasyPrint with Pango and Noto Sans CJK JP, and poppler-utils (pdftotext, pdffonts)",
    "apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk poppler-utils"
    " && pip install -r requirements-pdf.txt",
)


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _reason(report) -> str:
    longrepr = report.longrepr
    text = longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)
    return text.removeprefix("Skipped: ")


class MissingDependencies:
    """Collects the tests skipped for a missing part, reports them in one block, fails the run in CI."""

    def __init__(self):
        self.skipped: dict[str, list[str]] = defaultdict(list)

    def _record(self, report) -> None:
        if report.skipped and (reason := _reason(report)).startswith(PREFIX):
            self.skipped[reason.removeprefix(PREFIX)].append(report.nodeid)

    def pytest_runtest_logreport(self, report):
        self._record(report)

    def pytest_collectreport(self, report):
        self._record(report)

    @pytest.hookimpl(tryfirst=True)
    def pytest_sessionfinish(self, session):
        if self.skipped and in_ci() and session.exitstatus == pytest.ExitCode.OK:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED

    def pytest_terminal_summary(self, terminalreporter):
        if not self.skipped:
            return
        total = sum(len(ids) for ids in self.skipped.values())
        write = terminalreporter.write_line
        terminalreporter.write_sep("=", f"NOT RUN: {total} test(s) need a system part this machine lacks", red=True, bold=True)
        for what, ids in self.skipped.items():
            write(f"{what}: {len(ids)} test(s) did not run")
            for nodeid in ids:
                write(f"    {nodeid}")
        write("Install the part(s) above and run scripts/test again.")
        if in_ci():
            write("CI is set: this run fails, because CI must run every test.", red=True, bold=True)


def pytest_configure(config):
    config.pluginmanager.register(MissingDependencies(), "missing-dependencies-report")
