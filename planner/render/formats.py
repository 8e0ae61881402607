"""One place that turns a result into the asked format."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..audit import AuditResult

FORMATS = ("text", "json", "md", "html")


def render_audit(result: "AuditResult", fmt: str, lang: str = "zh", color: bool = False) -> str:
    """Only the medium asked for is imported: jinja2 for md/html, rich for text."""
    if fmt == "json":
        from . import jsonout
        return jsonout.dumps(jsonout.audit_json(result, lang))
    if fmt == "text":
        from . import text
        return text.audit_text(result, lang, color)
    from . import jinja
    return jinja.render(f"audit.{fmt}.j2", lang, r=result)
