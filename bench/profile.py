"""Profiles one request of the benchmark with pyinstrument, in process, on the database of DATABASE_URL.

    DJANGO_SETTINGS_MODULE=dx_portal.settings.bench DATABASE_URL=... .venv/bin/python bench/profile.py \\
        /api/v1/projects/?page_size=100 --auth token --token-file bench/results/token-postgres-5000.txt

Warms up once, then profiles ``--repeat`` requests and prints pyinstrument's text report (or --html FILE).
"""

import argparse
import sys
from pathlib import Path

import django


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("path")
    parser.add_argument("--auth", choices=["session", "token", "none"], default="none")
    parser.add_argument("--token-file", type=Path)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--html", type=Path)
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client
    from pyinstrument import Profiler

    client = Client(HTTP_HOST="127.0.0.1")
    if args.auth == "session":
        client.force_login(get_user_model().objects.get(username="bench-cio"))
    elif args.auth == "token":
        client.defaults["HTTP_AUTHORIZATION"] = f"Token {args.token_file.read_text().strip()}"
    response = client.get(args.path)
    print(f"{args.path}: HTTP {response.status_code}, {len(response.content)} bytes", file=sys.stderr)
    profiler = Profiler(interval=0.0005)
    with profiler:
        for _ in range(args.repeat):
            client.get(args.path)
    if args.html:
        args.html.write_text(profiler.output_html())
    else:
        print(profiler.output_text(unicode=True, color=False, show_all=False))


if __name__ == "__main__":
    main()
