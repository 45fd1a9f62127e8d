"""The portal under load at a prefecture's scale and beyond (issue 10).

    apt-get install -y wrk          # the load tool
    .venv/bin/python bench/run.py --db sqlite --db postgres --sizes 100 1000 5000 --duration 15 --concurrency 8
    .venv/bin/python bench/run.py --db sqlite --sizes 100 --duration 3        # a smoke check

For each database and N: migrate, load_demo and ``generate_load_data --projects N`` (PostgreSQL database
``dx_bench_<N>``, or SQLite file bench/results/bench-<N>.sqlite3; kept between runs: the command only adds
what is missing; ``--fresh`` starts over), VACUUM ANALYZE on PostgreSQL (as autovacuum would after a bulk load),
time the reminder sweep (dry run) and the send of 5,000 reminders (bench/sweep.py; as many as the data holds below
N = 2,000), then start gunicorn (2 workers, settings dx_portal.settings.bench) on
127.0.0.1, log in as bench-cio through the login form, and drive each endpoint with wrk for ``--duration``
seconds. Right after each endpoint it measures the floor: /bench/floor, a view answering JSON of the same
size under the same server and middleware; ``floor_ratio`` is the endpoint's p50 over the floor's p50, so
a noisy, shared machine still gives comparable numbers. ``queries`` is the SQL query count of one request
(the X-Bench-Queries header of bench/middleware.py), read before the load. The portfolio and the projects
and summary APIs answer from a cache under load; ``cold_ms`` and ``cold_queries`` are the median time and
the query count of one request right after a change (``POST /bench/bump``), when they compute afresh.

Then each endpoint again under a second gunicorn with the answer cache off (``DX_ANSWER_CACHE=0``: every
request computes afresh, as the first request after a change does): ``uncached_rps``, ``uncached_p50_ms``
and ``uncached_queries`` beside the cached figures. ``peak_rss_mb`` (and ``uncached_peak_rss_mb``) is the
largest peak resident memory (VmHWM) of the server's workers once the endpoint's load is over.

Prints one line per endpoint and N, writes bench/results/results-<db>.csv and results-<db>.md, and ends
with the checks of issue 10 at the largest N (query counts, warm and cold, equal across N; targets).
"""

import argparse
import csv
import datetime
import html.parser
import http.client
import json
import os
import platform
import re
import shutil
import sqlite3
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PYTHON = sys.executable
SETTINGS = "dx_portal.settings.bench"
CIO, PASSWORD = "bench-cio", "dx-demo-2022"  # generate_load_data's bench CIO, with the demo password
PG_DEFAULT = "postgres://dx_portal:dx_portal@127.0.0.1:5432"
KPI_CSV = "/api/v1/kpis/e-approval-rate/observations/?format=csv"
# Issue 10's targets, checked at the largest N.
PROJECTS_API_MAX_RATIO = 2.0
PORTFOLIO_MAX_P50_MS = 300
SWEEP_MAX_MS = 5000
SEND_MAX_MS = 3000  # issue 20: the send of 5,000 reminders
SEARCH_MAX_P50_MS = 100  # issue 20, on PostgreSQL (SQLite has no trigram index: it scans)
# Issue 20, a fresh answer every request: three times Redmine's 64 rps on the projects API; the portfolio's first page.
PROJECTS_API_UNCACHED_MIN_RPS, PROJECTS_API_UNCACHED_MAX_P50_MS = 200, 40
PORTFOLIO_UNCACHED_MAX_P50_MS = 100
PORTFOLIO_COLD_MAX_MS = 150  # the first request after a change
SWEEPS = {"reminder_sweep", "reminder_send"}  # timed in process, not served


@dataclass(frozen=True)
class Endpoint:
    name: str
    path: str
    auth: str  # "session", "token" or "none"
    status: int = 200
    conditional: bool = False  # sent with If-None-Match: the ETag of a first request
    cached: bool = False  # answered from PROJECT_DATA's cache: also timed cold, right after a change


ENDPOINTS = [
    Endpoint("portfolio", "/portfolio/", "session", cached=True),
    Endpoint("projects_api", "/api/v1/projects/?page_size=100", "token", cached=True),
    Endpoint("portfolio_summary", "/api/v1/portfolio/summary/", "token", cached=True),
    Endpoint("kpi_csv", KPI_CSV, "none"),
    Endpoint("kpi_csv_304", KPI_CSV, "none", status=304, conditional=True),
    # Search across every kind (issue 17): a word of four characters, which the trigram indexes narrow on
    # PostgreSQL (in a fifth of the load projects' names), and one of two, which no trigram narrows (a scan).
    Endpoint("search", "/search/?" + urlencode({"q": "標準化対応"}), "session"),
    Endpoint("search_api", "/api/v1/search/?" + urlencode({"q": "契約"}), "token"),
]


@dataclass
class Row:
    db: str
    n: int
    endpoint: str
    status: int = 0
    bytes: int = 0
    queries: int = 0
    rps: float = 0.0
    p50_ms: float = 0.0
    p99_ms: float = 0.0
    floor_p50_ms: float = 0.0
    floor_rps: float = 0.0
    floor_ratio: float = 0.0
    cold_ms: float = 0.0
    cold_queries: int = 0
    uncached_rps: float = 0.0
    uncached_p50_ms: float = 0.0
    uncached_queries: int = 0
    peak_rss_mb: float = 0.0
    uncached_peak_rss_mb: float = 0.0
    errors: int = 0
    note: str = field(default="")

    def line(self) -> str:
        return (
            f"endpoint={self.endpoint} n={self.n} db={self.db} rps={self.rps:.1f} p50_ms={self.p50_ms:.2f} "
            f"p99_ms={self.p99_ms:.2f} floor_ratio={self.floor_ratio:.2f} queries={self.queries}"
            + (f" bytes={self.bytes} floor_p50_ms={self.floor_p50_ms:.2f}" if self.endpoint not in SWEEPS else "")
            + (f" cold_ms={self.cold_ms:.1f} cold_queries={self.cold_queries}" if self.cold_ms else "")
            + (f" uncached_rps={self.uncached_rps:.1f} uncached_p50_ms={self.uncached_p50_ms:.2f}"
               f" uncached_queries={self.uncached_queries}" if self.endpoint not in SWEEPS else "")
            + (f" peak_rss_mb={self.peak_rss_mb:.0f} uncached_peak_rss_mb={self.uncached_peak_rss_mb:.0f}"
               if self.peak_rss_mb else "")
            + (f" errors={self.errors}" if self.errors else "")
            + (f" ({self.note})" if self.note else "")
        )


# --- databases ---------------------------------------------------------------------------------------------


def database_url(db: str, n: int, pg_base: str) -> str:
    if db == "sqlite":
        return f"sqlite:///{RESULTS / f'bench-{n}.sqlite3'}"
    return f"{pg_base}/dx_bench_{n}"


def reset_database(db: str, n: int, pg_base: str, *, fresh: bool) -> None:
    """Create the PostgreSQL database if missing (drop it first with ``fresh``); remove the SQLite file if fresh."""
    if db == "sqlite":
        if fresh:
            for path in RESULTS.glob(f"bench-{n}.sqlite3*"):
                path.unlink()
        return
    import psycopg

    with psycopg.connect(f"{pg_base}/postgres", autocommit=True) as conn:
        name = f"dx_bench_{n}"
        if fresh:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def manage(env: dict, *args: str) -> str:
    done = subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def prepare(env: dict, db: str, n: int, token_file: Path) -> float:
    """Migrate, load the demo and the load data; the seconds generate_load_data took."""
    manage(env, "migrate", "--no-input", "-v0")
    manage(env, "load_demo")
    started = time.perf_counter()
    print(manage(env, "generate_load_data", "--projects", str(n), "--token-file", str(token_file)).strip())
    seconds = time.perf_counter() - started
    if db == "postgres":
        import psycopg

        with psycopg.connect(env["DATABASE_URL"], autocommit=True) as conn:
            # VACUUM too: it moves the rows a bulk load left in the trigram indexes' pending lists (GIN's fastupdate)
            # into the indexes; unmoved, every search reads the whole list (18 ms for an index scan finding nothing).
            conn.execute("VACUUM ANALYZE")
    return seconds


def sweep(env: dict, db: str, n: int) -> list[Row]:
    """The reminder sweep's dry run, and the send of 5,000 reminders (whatever N: the figure issue 20 asks for)."""
    done = subprocess.run([PYTHON, "bench/sweep.py"], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    result = json.loads(done.stdout)
    return [
        Row(
            db, n, "reminder_sweep", p50_ms=result["wall_ms"], queries=result["queries"],
            note=f"dry run at {result['moment']}, {result['reminders']} reminders",
        ),
        # Queries: one mark per reminder, so it grows with what is sent, not with N.
        Row(
            db, n, "reminder_send", p50_ms=result["send_ms"], queries=result["send_queries"],
            note=f"{result['sent']} reminders built, sent to locmem and marked, one commit each",
        ),
    ]


# --- the server --------------------------------------------------------------------------------------------


class Server:
    """gunicorn with the bench settings, stopped (by its own pid) when the block ends."""

    def __init__(self, env: dict, port: int, workers: int, log: Path):
        self.env, self.port, self.workers, self.log = env, port, workers, log

    def __enter__(self):
        gunicorn = str(Path(PYTHON).with_name("gunicorn"))
        self.log_file = self.log.open("w")
        self.process = subprocess.Popen(
            [gunicorn, "dx_portal.wsgi", "--workers", str(self.workers), "--bind", f"127.0.0.1:{self.port}",
             # gunicorn 27's control socket is one path per user: two servers at once would collide on it.
             "--timeout", "120", "--no-control-socket"],
            cwd=ROOT, env=self.env, stdout=self.log_file, stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if request(self.port, "/healthz").status == 200:
                    return self
            except OSError:
                pass
            if self.process.poll() is not None:
                break
            time.sleep(0.2)
        self.__exit__()
        sys.exit(f"gunicorn did not answer on port {self.port}; see {self.log}")

    def peak_rss_mb(self) -> float:
        """The largest peak resident memory (VmHWM) among the workers: gunicorn's children."""
        peaks = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
                if ppid == self.process.pid:
                    peaks.append(int(re.search(r"VmHWM:\s+(\d+)", (stat.parent / "status").read_text()).group(1)))
            except (OSError, ValueError, AttributeError):
                continue  # a process that ended meanwhile
        return max(peaks, default=0) / 1024

    def __exit__(self, *exc):
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log_file.close()


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: bytes


def request(port: int, path: str, *, method: str = "GET", headers: dict | None = None, body: bytes | None = None) -> Answer:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return Answer(response.status, response.headers, response.read())
    finally:
        conn.close()


class _CsrfField(html.parser.HTMLParser):
    token = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("name") == "csrfmiddlewaretoken":
            self.token = attrs.get("value", "")


def login(port: int) -> str:
    """A real login through the form, with the CSRF cookie and field; the Cookie header of the session."""
    page = request(port, "/accounts/login/")
    cookies = SimpleCookie()
    for value in page.headers.get_all("Set-Cookie", []):
        cookies.load(value)
    parser = _CsrfField()
    parser.feed(page.body.decode())
    form = urlencode({"username": CIO, "password": PASSWORD, "csrfmiddlewaretoken": parser.token}).encode()
    answer = request(
        port, "/accounts/login/", method="POST", body=form,
        headers={"Cookie": f"csrftoken={cookies['csrftoken'].value}", "Content-Type": "application/x-www-form-urlencoded"},
    )
    for value in answer.headers.get_all("Set-Cookie", []):
        cookies.load(value)
    if answer.status != 302 or "sessionid" not in cookies:
        sys.exit(f"login as {CIO} failed: HTTP {answer.status}")
    return f"sessionid={cookies['sessionid'].value}"


# --- the load ----------------------------------------------------------------------------------------------

_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * _UNITS[unit]


@dataclass
class Load:
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int


def wrk(port: int, path: str, headers: dict, *, duration: int, concurrency: int) -> Load:
    command = ["wrk", "-t", str(min(2, concurrency)), "-c", str(concurrency), "-d", f"{duration}s", "--latency",
               "--timeout", "30s"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    done = subprocess.run([*command, f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True)
    output = done.stdout
    percentiles = dict(re.findall(r"^\s*(50|99)%\s+(\S+)\s*$", output, re.MULTILINE))
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    if done.returncode or not rate or len(percentiles) < 2:
        sys.exit(f"wrk on {path} gave no latency distribution:\n{output}\n{done.stderr}")
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", output))
    errors += sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    return Load(float(rate.group(1)), _ms(percentiles["50"]), _ms(percentiles["99"]), errors)


COLD_SAMPLES = 3


def cold(port: int, path: str, headers: dict) -> tuple[float, int]:
    """The median time (ms) and the query count of a request made right after a change to the project data."""
    times, queries = [], 0
    for _ in range(COLD_SAMPLES):
        request(port, "/bench/bump", method="POST")
        start = time.perf_counter()
        answer = request(port, path, headers=headers)
        times.append((time.perf_counter() - start) * 1000)
        queries = int(answer.headers["X-Bench-Queries"])
    return sorted(times)[COLD_SAMPLES // 2], queries


def endpoint_headers(port: int, endpoint: Endpoint, cookie: str, token: str) -> dict:
    headers = {"session": {"Cookie": cookie}, "token": {"Authorization": f"Token {token}"}, "none": {}}[endpoint.auth]
    if endpoint.conditional:
        headers = {**headers, "If-None-Match": request(port, endpoint.path, headers=headers).headers["ETag"]}
    return headers


def measure(server: "Server", endpoint: Endpoint, *, db: str, n: int, cookie: str, token: str, args) -> Row:
    port = server.port
    headers = endpoint_headers(port, endpoint, cookie, token)
    # Twice: the second answer is the steady state (a token's last use is written at most once a minute).
    request(port, endpoint.path, headers=headers)
    first = request(port, endpoint.path, headers=headers)
    if first.status != endpoint.status:
        sys.exit(f"{endpoint.path} answered {first.status}, not {endpoint.status}: {first.body[:300]!r}")
    size = len(first.body)
    cold_ms, cold_queries = cold(port, endpoint.path, headers) if endpoint.cached else (0.0, 0)
    request(port, endpoint.path, headers=headers)  # the cache warm again for the load
    load = wrk(port, endpoint.path, headers, duration=args.duration, concurrency=args.concurrency)
    floor = wrk(port, f"/bench/floor?bytes={max(size, 10)}", {}, duration=args.duration, concurrency=args.concurrency)
    return Row(
        db, n, endpoint.name, status=first.status, bytes=size, queries=int(first.headers["X-Bench-Queries"]),
        rps=load.rps, p50_ms=load.p50_ms, p99_ms=load.p99_ms, floor_p50_ms=floor.p50_ms, floor_rps=floor.rps,
        floor_ratio=load.p50_ms / floor.p50_ms if floor.p50_ms else 0.0,  # no answer at all within the run: 0
        cold_ms=cold_ms, cold_queries=cold_queries, errors=load.errors + floor.errors,
        peak_rss_mb=server.peak_rss_mb(),
    )


def measure_uncached(server: "Server", endpoint: Endpoint, row: Row, *, cookie: str, token: str, args) -> None:
    """The same load on the server without the answer cache, into ``row``."""
    headers = endpoint_headers(server.port, endpoint, cookie, token)
    first = request(server.port, endpoint.path, headers=headers)
    if first.status != endpoint.status:
        sys.exit(f"{endpoint.path} answered {first.status} uncached, not {endpoint.status}: {first.body[:300]!r}")
    load = wrk(server.port, endpoint.path, headers, duration=args.duration, concurrency=args.concurrency)
    row.uncached_rps, row.uncached_p50_ms = load.rps, load.p50_ms
    row.uncached_queries = int(first.headers["X-Bench-Queries"])
    row.uncached_peak_rss_mb = server.peak_rss_mb()
    row.errors += load.errors


# --- results -----------------------------------------------------------------------------------------------


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory_kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
    return f"{os.cpu_count()} CPUs ({cpu}), {memory_kb / 1024 / 1024:.1f} GiB RAM, Python {platform.python_version()}"


def database_version(db: str, pg_base: str) -> str:
    if db == "sqlite":
        return f"SQLite {sqlite3.sqlite_version}"
    import psycopg

    with psycopg.connect(f"{pg_base}/postgres") as conn:
        return "PostgreSQL " + conn.execute("SHOW server_version").fetchone()[0]


def write_results(db: str, rows: list[Row], header: str, args) -> None:
    with (RESULTS / f"results-{db}.csv").open("w", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(asdict(rows[0])))
        writer.writeheader()
        writer.writerows(asdict(row) for row in rows)
    lines = [
        f"{header}; {args.duration} s per endpoint at concurrency {args.concurrency}, gunicorn {args.workers} workers.",
        "",
        "| N | endpoint | rps | p50 ms | p99 ms | floor p50 ms | floor ratio | queries | cold ms | cold queries "
        "| uncached rps | uncached p50 ms | uncached queries | peak RSS MB (cached / uncached) | bytes |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        if row.endpoint in SWEEPS:
            label = "reminder sweep (dry run, wall)" if row.endpoint == "reminder_sweep" else "reminder send (wall)"
            lines.append(f"| {row.n:,} | {label} | | {row.p50_ms:.0f} | | | | {row.queries} |" + " |" * 7)
        else:
            lines.append(
                f"| {row.n:,} | {row.endpoint} | {row.rps:.0f} | {row.p50_ms:.1f} | {row.p99_ms:.1f} | "
                f"{row.floor_p50_ms:.1f} | {row.floor_ratio:.2f} | {row.queries} | "
                + (f"{row.cold_ms:.0f} | {row.cold_queries} | " if row.cold_ms else "| | ")
                + f"{row.uncached_rps:.0f} | {row.uncached_p50_ms:.1f} | {row.uncached_queries} | "
                f"{row.peak_rss_mb:.0f} / {row.uncached_peak_rss_mb:.0f} | {row.bytes:,} |"
            )
    (RESULTS / f"results-{db}.md").write_text("\n".join(lines) + "\n")


def check(rows: list[Row]) -> list[str]:
    """Issues 10 and 20's checks: query counts independent of N, and the targets at the largest N."""
    problems = []
    # The send's queries are one mark per reminder sent (fewer below N = 2,000, which has fewer to send).
    for endpoint in {row.endpoint for row in rows} - {"reminder_send"}:
        for kind in ("queries", "cold_queries"):
            counts = {row.n: getattr(row, kind) for row in rows if row.endpoint == endpoint}
            if len(set(counts.values())) > 1:
                problems.append(f"{endpoint}: {kind} varies with N: {counts}")
    largest = max(row.n for row in rows)
    at = {row.endpoint: row for row in rows if row.n == largest}
    targets = [
        ("projects_api", lambda r: r.floor_ratio <= PROJECTS_API_MAX_RATIO, f"p50 within {PROJECTS_API_MAX_RATIO}x the floor"),
        ("portfolio", lambda r: r.p50_ms < PORTFOLIO_MAX_P50_MS, f"p50 under {PORTFOLIO_MAX_P50_MS} ms"),
        ("reminder_sweep", lambda r: r.p50_ms < SWEEP_MAX_MS, f"under {SWEEP_MAX_MS} ms"),
        ("reminder_send", lambda r: r.p50_ms < SEND_MAX_MS, f"under {SEND_MAX_MS} ms"),
        ("search", lambda r: r.db != "postgres" or r.p50_ms < SEARCH_MAX_P50_MS, f"p50 under {SEARCH_MAX_P50_MS} ms"),
        (
            "projects_api",
            lambda r: r.uncached_rps >= PROJECTS_API_UNCACHED_MIN_RPS and r.uncached_p50_ms < PROJECTS_API_UNCACHED_MAX_P50_MS,
            f"uncached {PROJECTS_API_UNCACHED_MIN_RPS} rps or more at p50 under {PROJECTS_API_UNCACHED_MAX_P50_MS} ms",
        ),
        (
            "portfolio",
            lambda r: r.uncached_p50_ms < PORTFOLIO_UNCACHED_MAX_P50_MS,
            f"uncached p50 under {PORTFOLIO_UNCACHED_MAX_P50_MS} ms",
        ),
        ("portfolio", lambda r: r.cold_ms < PORTFOLIO_COLD_MAX_MS, f"cold under {PORTFOLIO_COLD_MAX_MS} ms"),
    ]
    for name, holds, what in targets:
        if name in at and not holds(at[name]):
            problems.append(f"{name} at N={largest}: not {what} ({at[name].line()})")
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", action="append", choices=["sqlite", "postgres"], help="repeat for both (default sqlite)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000], metavar="N")
    parser.add_argument("--duration", type=int, default=15, help="seconds per endpoint (and as long for its floor)")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=18600)
    parser.add_argument("--pg", default=PG_DEFAULT, help=f"PostgreSQL server URL without a database (default {PG_DEFAULT})")
    parser.add_argument("--fresh", action="store_true", help="drop the bench databases and generate the data again")
    parser.add_argument("--only", nargs="+", choices=[e.name for e in ENDPOINTS], help="measure only these endpoints")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install -y wrk")
    RESULTS.mkdir(parents=True, exist_ok=True)
    endpoints = [e for e in ENDPOINTS if not args.only or e.name in args.only]
    failed = False
    for db in args.db or ["sqlite"]:
        header = f"{database_version(db, args.pg)} on {machine()}, {datetime.datetime.now().astimezone():%Y-%m-%d}"
        print(f"# {header}", flush=True)
        rows: list[Row] = []
        for n in args.sizes:
            reset_database(db, n, args.pg, fresh=args.fresh)
            env = {**os.environ, "DJANGO_SETTINGS_MODULE": SETTINGS, "DATABASE_URL": database_url(db, n, args.pg)}
            token_file = RESULTS / f"token-{db}-{n}.txt"
            seconds = prepare(env, db, n, token_file)
            print(f"# {db} N={n}: generate_load_data took {seconds:.1f} s", flush=True)
            for row in sweep(env, db, n):
                rows.append(row)
                print(row.line(), flush=True)
            token = token_file.read_text().strip()
            measured = []
            with Server(env, args.port, args.workers, RESULTS / f"gunicorn-{db}-{n}.log") as server:
                cookie = login(args.port)
                for endpoint in endpoints:
                    measured.append(measure(server, endpoint, db=db, n=n, cookie=cookie, token=token, args=args))
            uncached_env = {**env, "DX_ANSWER_CACHE": "0"}
            with Server(uncached_env, args.port, args.workers, RESULTS / f"gunicorn-{db}-{n}-uncached.log") as server:
                cookie = login(args.port)
                for endpoint, row in zip(endpoints, measured, strict=True):
                    measure_uncached(server, endpoint, row, cookie=cookie, token=token, args=args)
                    rows.append(row)
                    print(row.line(), flush=True)
            write_results(db, rows, header, args)
        for problem in check(rows):
            failed = True
            print(f"MISSED {db}: {problem}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
