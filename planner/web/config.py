"""What `planner serve` was started with, and the limits it keeps."""
from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

LOOPBACK = ("127.0.0.1", "localhost", "::1")


@dataclass(frozen=True)
class Limits:
    """Upload and job limits: an office's roster is far below every one."""
    upload_bytes: int = 5 * 1024 * 1024        # the request body of an upload
    rows: int = 5000                           # roster rows (header included)
    sheets: int = 20                           # sheets in a workbook
    unzipped_bytes: int = 64 * 1024 * 1024     # all members of an .xlsx, unpacked
    zip_ratio: int = 200                       # unpacked / packed size of any member
    zip_members: int = 2000
    form_bytes: int = 64 * 1024                # any other form
    job_seconds: float = 120.0                 # wall-clock cap on a unit plan
    jobs: int = 2                              # unit plans running at once (each in its own process)


@dataclass(frozen=True)
class ServeConfig:
    data: Path
    catalog: Path
    policy: Optional[str] = None
    today: Optional[dt.date] = None            # fixed date (tests, demos); default: the real date
    host: str = "127.0.0.1"
    port: int = 8000
    passwords: tuple[str, ...] = ()            # argon2 hashes; empty: no login (loopback only)
    secret: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    limits: Limits = Limits()
    unit_time_limit: float = 60.0              # a unit plan's limit: search, reasons, downloads
    readonly: bool = False                     # the bundled demo: never written

    @property
    def login_required(self) -> bool:
        return bool(self.passwords)

    def date(self) -> dt.date:
        return self.today or dt.date.today()


def is_loopback(host: str) -> bool:
    return host in LOOPBACK or host.startswith("127.")
