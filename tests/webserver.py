"""A real `planner serve` app on a free loopback port, in a thread, for the
browser tests; and headless Chromium through Playwright (Debian's chromium,
no browser download)."""
from __future__ import annotations

import os
import shutil
import socket
import threading
import time

import pytest

BROWSERS = ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--no-first-run", "--disable-dev-shm-usage"]


def chromium_path() -> str | None:
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    return None


def need_chromium() -> str:
    """Chromium and Playwright, or skip (a failure when CI is set)."""
    found = chromium_path()
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        found = None
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("CI is set but Chromium or Playwright is missing (.ci/run installs chromium)")
        pytest.skip("Chromium or Playwright is not installed; CI runs this test")
    return found


class Served:
    """uvicorn serving `create_app(cfg)` until stop()."""

    def __init__(self, cfg):
        import uvicorn
        from planner.web.app import create_app
        self.app = create_app(cfg)
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.server = uvicorn.Server(uvicorn.Config(self.app, log_level="warning", lifespan="on"))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.05)

    def stop(self):
        self.server.should_exit = True
        self.thread.join(20)
        self.sock.close()
