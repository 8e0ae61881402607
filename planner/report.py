"""Jinja environment over templates/, one render() for every format but text
and json; every label comes from the message catalogue."""
from __future__ import annotations

from functools import lru_cache

import jinja2

from . import resources
from . import tenths as q
from .messages import formula_text, messages, pick, reason_text, route_name, target_name


def _cell(value) -> str:
    """A Markdown table cell: no pipes or line breaks inside."""
    return str(value if value is not None else "").replace("|", "\\|").replace("\n", " ")


@lru_cache(maxsize=4)
def environment(lang: str) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(resources.templates_dir())),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "html.j2"), default_for_string=False),
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined)
    env.filters.update(
        h=q.show, hs=q.show_short, yuan=q.show_yuan, cell=_cell,
        effort=lambda minutes: f"{q.effort_hours(minutes):.1f}",
        formula=lambda credit: formula_text(credit, lang),
        pick=lambda obj, attr: pick(obj, attr, lang))
    env.globals.update(m=messages(lang), lang=lang,
                       route_name=lambda policy, code: route_name(policy, code, lang),
                       target_name=lambda key: target_name(key, lang),
                       reason=lambda r, policy: reason_text(r, policy, lang))
    return env


def render(template: str, lang: str = "zh", **context) -> str:
    return environment(lang).get_template(template).render(**context)
