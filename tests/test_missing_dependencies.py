"""No silent gaps: without Chromium the run ends with a block naming the browser tests that did not run and
the command that installs it, and with CI set it fails. Runs pytest as scripts/test does, in a subprocess."""

import os
import subprocess
import sys

from django.conf import settings

BROWSER_TESTS = "tests/browser/test_shell.py"


def run_pytest(*args: str, ci: bool = False) -> subprocess.CompletedProcess:
    """pytest on ``args`` on a machine without Chromium, with CI set or not (whatever this run has)."""
    environment = {name: value for name, value in os.environ.items() if name != "CI"}
    environment["CHROMIUM"] = "/nonexistent/chromium"
    if ci:
        environment["CI"] = "1"
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", *args],
        cwd=settings.BASE_DIR, env=environment, capture_output=True, text=True, timeout=300, check=False,
    )


def test_without_chromium_the_run_ends_with_a_block_naming_the_skipped_tests_and_the_install_command():
    result = run_pytest(BROWSER_TESTS)
    assert result.returncode == 0, result.stdout + result.stderr
    block = result.stdout[result.stdout.index("NOT RUN: 2 test(s) need a system part this machine lacks"):]
    assert "Chromium (/usr/bin/chromium) (install: apt-get install chromium fonts-noto-cjk): 2 test(s) did not run" in block
    assert "tests/browser/test_shell.py::test_the_login_page_passes_axe_and_reports_a_wrong_password" in block
    assert "tests/browser/test_shell.py::test_the_language_switch_turns_the_page_into_english_and_back" in block


def test_with_ci_set_a_test_skipped_for_a_missing_part_fails_the_run():
    result = run_pytest(BROWSER_TESTS, ci=True)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "CI is set: this run fails, because CI must run every test." in result.stdout


def test_a_run_with_nothing_missing_has_no_block_and_passes_in_ci():
    result = run_pytest("tests/test_fiscal.py", ci=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "NOT RUN" not in result.stdout
