"""A short mixed read/write soak (issue 16): status reports filed through the API while the portfolio, the
projects API and the KPI feeds are read, by a few threads for a bounded time, on 127.0.0.1 only.

    .venv/bin/python bench/soak.py                                   # SQLite, 30 s
    .venv/bin/python bench/soak.py --db postgres --duration 60 --writers 2 --readers 6

Each run starts from a fresh database (SQLite file bench/results/soak.sqlite3, or PostgreSQL database
``dx_soak`` on ``--pg``): migrate, load_demo, ``generate_load_data --projects N``, an API token for the
bench PMO (who may file for every project) beside the bench CIO's. Then gunicorn with the bench settings
(Redis cache, rate limits raised), a CIO session through the login form, and for ``--duration`` seconds:
writers POST status reports, each for a (project, date) nobody filed yet (the load data files on month
ends; the soak on the other days, going back from today), and readers cycle through the reads below.

Prints, per kind of request, the count, the statuses and p50/p95 in ms, then the errors: any answer
other than the expected status, or no answer at all. Exit status 1 when there is an error: the goal is zero.
"""

import argparse
import datetime
import itertools
import json
import os
import socket
import statistics
import sys
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.run import KPI_CSV, PG_DEFAULT, RESULTS, SETTINGS, Server, login, manage, prepare, request  # noqa: E402

PMO = "bench-pmo"
READS = [
    ("portfolio", "/portfolio/", "session"),
    ("projects_api", "/api/v1/projects/?page_size=100", "token"),
    ("portfolio_summary", "/api/v1/portfolio/summary/", "token"),
    ("kpi_csv", KPI_CSV, "none"),
    ("kpi_json", "/api/v1/kpis/load-kpi-01/observations/", "none"),
]
REPORT = {
    "health": "yellow",
    "schedule_health": "yellow",
    "cost_health": "green",
    "scope_health": "green",
    "quality_health": "green",
    "planned_progress": 50,
    "actual_progress": 42,
    "summary": "負荷試験の報告。",
    "next_steps": "次回も報告する。",
}


def fresh_database(db: str, pg_base: str) -> str:
    """The soak's DATABASE_URL, its database dropped and created empty."""
    if db == "sqlite":
        for path in RESULTS.glob("soak.sqlite3*"):
            path.unlink()
        return f"sqlite:///{RESULTS / 'soak.sqlite3'}"
    import psycopg

    with psycopg.connect(f"{pg_base}/postgres", autocommit=True) as conn:
        conn.execute('DROP DATABASE IF EXISTS "dx_soak" WITH (FORCE)')
        conn.execute('CREATE DATABASE "dx_soak"')
    return f"{pg_base}/dx_soak"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def filings(projects: int, today: datetime.date):
    """(code, as_of) pairs never filed: no month end (the load data's), going back from today."""
    for back in itertools.count():
        day = today - datetime.timedelta(days=back)
        if (day + datetime.timedelta(days=1)).day != 1:
            for k in range(1, projects + 1):
                yield f"LOAD-{k:05d}", day


class Tally:
    """Every request's kind, status (0: no answer) and time, from every thread."""

    def __init__(self):
        self.lock = threading.Lock()
        self.times: dict[str, list[float]] = defaultdict(list)
        self.statuses: dict[str, Counter] = defaultdict(Counter)
        self.errors: list[str] = []

    def timed(self, kind: str, expected: int, port: int, path: str, **kwargs) -> None:
        start = time.perf_counter()
        try:
            answer = request(port, path, **kwargs)
            status, detail = answer.status, answer.body[:200]
        except OSError as exc:
            status, detail = 0, repr(exc)
        elapsed = (time.perf_counter() - start) * 1000
        with self.lock:
            self.times[kind].append(elapsed)
            self.statuses[kind][status] += 1
            if status != expected:
                self.errors.append(f"{kind} {path}: {status or 'no answer'} {detail!r}")

    def report(self, duration: float) -> None:
        total = sum(len(times) for times in self.times.values())
        print(f"{total} requests in {duration:.0f} s ({total / duration:.1f}/s), {len(self.errors)} errors")
        for kind, times in sorted(self.times.items()):
            statuses = ", ".join(f"{status or 'no answer'}: {count}" for status, count in sorted(self.statuses[kind].items()))
            p50, p95 = statistics.quantiles(times, n=20)[9::9] if len(times) > 1 else (times[0], times[0])
            print(f"  {kind:<18} {len(times):>6}  p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  ({statuses})")
        for error in self.errors[:20]:
            print(f"  ERROR {error}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--pg", default=PG_DEFAULT, help=f"PostgreSQL server URL without a database (default {PG_DEFAULT})")
    parser.add_argument("--projects", type=int, default=100)
    parser.add_argument("--duration", type=int, default=30, help="seconds of load")
    parser.add_argument("--writers", type=int, default=2)
    parser.add_argument("--readers", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    args = parser.parse_args()
    RESULTS.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": SETTINGS, "DATABASE_URL": fresh_database(args.db, args.pg)}
    prepare(env, args.db, args.projects, RESULTS / "soak-token-cio.txt")
    writer_token = manage(env, "issue_token", PMO, "--scope", "projects:read", "--scope", "projects:write").strip()
    cio_token = (RESULTS / "soak-token-cio.txt").read_text().strip()
    port = free_port()
    tally = Tally()
    with Server(env, port, args.workers, RESULTS / "gunicorn-soak.log"):
        headers = {"session": {"Cookie": login(port)}, "token": {"Authorization": f"Token {cio_token}"}, "none": {}}
        pending = filings(args.projects, datetime.datetime.now(ZoneInfo("Asia/Tokyo")).date())
        pending_lock = threading.Lock()
        deadline = time.monotonic() + args.duration

        def write() -> None:
            while time.monotonic() < deadline:
                with pending_lock:
                    code, as_of = next(pending)
                body = json.dumps({**REPORT, "as_of": as_of.isoformat()}).encode()
                tally.timed(
                    "file_report", 201, port, f"/api/v1/projects/{code}/status-reports/", method="POST", body=body,
                    headers={"Authorization": f"Token {writer_token}", "Content-Type": "application/json"},
                )

        def read(offset: int) -> None:
            for kind, path, auth in itertools.islice(itertools.cycle(READS), offset, None):
                if time.monotonic() >= deadline:
                    return
                tally.timed(kind, 200, port, path, headers=headers[auth])

        threads = [threading.Thread(target=write) for _ in range(args.writers)]
        threads += [threading.Thread(target=read, args=(n,)) for n in range(args.readers)]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        tally.report(time.monotonic() - started)
    sys.exit(1 if tally.errors else 0)


if __name__ == "__main__":
    main()
