"""Playwright's sync API runs an event loop while a browser is open; closed, it must leave none
behind, or every later test that calls asyncio.run() fails (tests/scaffold/load does)."""
import asyncio

from support.browser import chromium


def test_the_browser_leaves_no_event_loop_behind(chromium_path):
    with chromium(chromium_path):
        pass
    assert asyncio.run(asyncio.sleep(0, "ran")) == "ran"
