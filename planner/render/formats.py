"""One place that turns a result into the asked format."""
from __future__ import annotations

from . import jinja, jsonout, text
from ..audit import AuditResult

FORMATS = ("text", "json", "md", "html")


def render_audit(result: AuditResult, fmt: str, lang: str = "zh", color: bool = False) -> str:
    if fmt == "json":
        return jsonout.dumps(jsonout.audit_json(result, lang))
    if fmt == "text":
        return text.audit_text(result, lang, color)
    return jinja.render(f"audit.{fmt}.j2", lang, r=result)
