"""Tests that need tools beyond Python (Chromium, npm packages, Java)."""

import os

import pytest

# Debian's Chromium as the browser tests and the benchmarks start it: headless, without
# anything that reaches the network on its own.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def require_tools(missing, what):
    """Skip when ``missing`` names absent tools, or fail when REQUIRE_BROWSER_TOOLS=1 (CI)."""
    if not missing:
        return
    if os.environ.get("REQUIRE_BROWSER_TOOLS") == "1":
        pytest.fail(f"{what} need {missing}; REQUIRE_BROWSER_TOOLS=1.")
    pytest.skip(f"{what} need {missing}.")
