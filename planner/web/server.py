"""From the command's options to a running server: the config (secure by
default: loopback, or a password file), then uvicorn."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Optional

from . import domain
from ..i18n import t
from .auth import read_password_file
from .config import ServeConfig, is_loopback


def make_config(data: Path, catalog: Path, policy: Optional[str], today: Optional[dt.date], host: str,
                port: int, password_file: Optional[str], lang: str = "zh") -> ServeConfig:
    """The server's configuration; bad input (PlannerError) names the option."""
    if not is_loopback(host) and not password_file:
        raise domain.PlannerError(domain.messages(lang).web.serve.needs_password.format(host=host))
    if not 0 < port < 65536:
        raise domain.PlannerError(t("errors.web.port", port=port))
    data = Path(data)
    if not data.is_dir():
        raise domain.PlannerError(t("errors.workspace_missing", root=data))
    passwords = read_password_file(Path(password_file)) if password_file else ()
    readonly = data.resolve() == domain.resources.demo_dir().resolve()
    return ServeConfig(data=data, catalog=Path(catalog), policy=policy, today=today, host=host, port=port,
                       passwords=passwords, readonly=readonly)


def run(config: ServeConfig) -> None:
    import uvicorn
    from .app import create_app
    app = create_app(config)          # loads the policy and catalogue now: bad input before listening
    uvicorn.run(app, host=config.host, port=config.port, log_level="warning", server_header=False,
                proxy_headers=False)
