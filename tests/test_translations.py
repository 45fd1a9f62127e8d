"""The English translation is whole: every message the code and templates use has an English entry, none fuzzy,
and the compiled catalogue is the one the .po file gives.

makemessages runs in a temporary copy of the tree (the tracked catalogue is never rewritten by a test) and
msgcmp compares: a message makemessages would add, or one left untranslated or fuzzy, fails the test. To fix,
run ``python manage.py makemessages -l en --no-location --no-obsolete``, translate what it added (and clear
its fuzzy guesses), then ``python manage.py compilemessages -l en`` and commit both files.
"""

import gettext
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "locale" / "en" / "LC_MESSAGES"
TOOLS = ("xgettext", "msgmerge", "msgcmp", "msgattrib", "msgfmt")
# Not part of the translated tree: the virtualenv, caches, run-time files and browser-test output.
NOT_SOURCES = shutil.ignore_patterns(".*", "__pycache__", "var", "artifacts", "control", "node_modules", "vendor", "*.sqlite3")


@pytest.fixture(scope="module")
def gettext_tools():
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        reason = f"GNU gettext is not installed ({', '.join(missing)} missing): apt-get install gettext"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)


def run(*command: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def extracted(gettext_tools, tmp_path_factory) -> Path:
    """The message template (.pot) that makemessages builds from the tree as it is."""
    copy = tmp_path_factory.mktemp("tree") / "tree"
    shutil.copytree(ROOT, copy, ignore=NOT_SOURCES, symlinks=True)
    done = run(sys.executable, "manage.py", "makemessages", "-l", "en", "--keep-pot", "--no-location", cwd=copy)
    assert done.returncode == 0, done.stderr
    return copy / "locale" / "django.pot"


def test_every_message_in_use_has_an_english_entry_that_is_neither_missing_nor_fuzzy(extracted):
    # msgcmp counts an untranslated or fuzzy entry as missing, and ignores entries no longer used.
    compared = run("msgcmp", str(CATALOGUE / "django.po"), str(extracted), cwd=ROOT)
    problems = [line for line in compared.stderr.splitlines() if "warning: this message is not used" not in line]
    assert compared.returncode == 0, "\n".join(problems)


def test_the_catalogue_holds_no_fuzzy_entry(gettext_tools):
    fuzzy = run("msgattrib", "--only-fuzzy", "--no-location", str(CATALOGUE / "django.po"), cwd=ROOT)
    assert fuzzy.returncode == 0, fuzzy.stderr
    assert fuzzy.stdout.count("\nmsgid ") == 0, fuzzy.stdout


def test_the_tracked_mo_is_compiled_from_the_po(gettext_tools, tmp_path):
    compiled = tmp_path / "django.mo"
    done = run("msgfmt", "--check-format", "-o", str(compiled), str(CATALOGUE / "django.po"), cwd=ROOT)
    assert done.returncode == 0, done.stderr
    with compiled.open("rb") as fresh, (CATALOGUE / "django.mo").open("rb") as tracked:
        assert gettext.GNUTranslations(tracked)._catalog == gettext.GNUTranslations(fresh)._catalog
