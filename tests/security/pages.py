"""Helpers for page tests: what a page must not contain to work under our Content Security Policy, and
whether a payload a user typed comes back escaped."""

import base64
import hashlib
import re

import markupsafe
from django.utils.html import escape

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
STYLE_BLOCK = re.compile(r"<style[^>]*>(.*?)</style>", re.IGNORECASE | re.DOTALL)
STYLE_ATTRIBUTE = re.compile(r"<[a-z][^>]*\sstyle=", re.IGNORECASE)
EVENT_ATTRIBUTE = re.compile(r"<[a-z][^>]*\son[a-z]+=", re.IGNORECASE)
JAVASCRIPT_URL = re.compile(r"(?:href|src|action)=[\"']?\s*javascript:", re.IGNORECASE)

XSS_PAYLOAD = "<script>alert(1)</script>\"'><img src=x onerror=alert(1)>"


def blocked_by_csp(response) -> list[str]:
    """What the browser would refuse to run or apply on this page under its own policy."""
    html = response.content.decode()
    policy = response["Content-Security-Policy"]
    problems = [f"inline script: {m.group(0)}" for m in INLINE_SCRIPT.finditer(html)]
    problems += [f"style attribute: {m.group(0)[:80]}" for m in STYLE_ATTRIBUTE.finditer(html)]
    problems += [f"event handler: {m.group(0)[:80]}" for m in EVENT_ATTRIBUTE.finditer(html)]
    problems += [f"javascript: URL: {m.group(0)}" for m in JAVASCRIPT_URL.finditer(html)]
    for block in STYLE_BLOCK.findall(html):
        digest = base64.b64encode(hashlib.sha256(block.encode()).digest()).decode()
        if f"'sha256-{digest}'" not in policy:
            problems.append(f"<style> block not allowed by hash: {block.strip()[:80]}")
    return problems


def assert_shows_escaped(page, payload=XSS_PAYLOAD):
    """The page (a response, or HTML such as an e-mail's) shows what the user typed as text: never as markup
    the browser would run."""
    html = page if isinstance(page, str) else page.content.decode()
    assert payload not in html
    assert "<script>alert(1)" not in html
    assert "<img src=x onerror" not in html
    # Form fields render through Jinja2 (dx_portal.forms.FormRenderer), which writes quotes as &#34; and &#39;.
    shown = escape(payload) in html or markupsafe.escape(payload) in html
    assert shown, "the payload is not on the page at all: the test checks nothing"
