"""How the test suite and the finder's benchmark start a browser: Debian's chromium (browsers
cannot be downloaded here), quiet. Without the background-networking flags chromium tries to
reach Google's hosts as it starts."""

from __future__ import annotations

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
