"""A served copy of the bundled demo workspace for the web tests (route tests
with Starlette's TestClient, browser tests with a real server)."""
from __future__ import annotations

import datetime as dt
import re
import shutil
import warnings
from pathlib import Path

from planner import resources

TODAY = dt.date(2026, 11, 27)
CSRF = re.compile(r'name="csrf" value="([^"]+)"')
DIGEST = re.compile(r'name="digest" value="([^"]+)"')


def copy_demo(root: Path) -> Path:
    """A writable copy of the demo workspace (the demo itself is read-only)."""
    ws = root / "ws"
    shutil.copytree(resources.demo_dir(), ws)
    return ws


def config(ws: Path, **changes):
    from planner.web.config import Limits, ServeConfig
    limits = changes.pop("limits", Limits(job_seconds=60.0))
    return ServeConfig(data=ws, catalog=resources.offerings_dir(), today=TODAY, limits=limits,
                       unit_time_limit=changes.pop("unit_time_limit", 5.0), **changes)


def client(cfg):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient
    from planner.web.app import create_app
    return TestClient(create_app(cfg), follow_redirects=False)


def token(html: str) -> str:
    found = CSRF.search(html)
    assert found, "the page has no CSRF field"
    return found.group(1)
