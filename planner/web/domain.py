"""Everything the web wing takes from the layers below, named in one place:
the planners, the loaders and the renderers the CLI uses (web/ sits beside
commands/; nothing below imports web/)."""
from __future__ import annotations

from .. import resources
from ..audit import CohortLine, audit, cohort
from ..verdicts import verdict
from ..errors import PlannerError
from ..files import workspace_lock, write_atomic
from ..messages import LANGS, messages
from ..plan.cap import output_reserve
from ..plan.solve import default_years, plan
from ..policy import resolve_policy
from ..credits import offering_credit as offering_row
from ..recordadd import add_record
from ..render.formats import render
from ..render.audit import page_of as audit_page
from ..render.jinja import environment
from ..render.plan import page_of as plan_page
from ..unit.explain import explain_plan
from ..unit.moves import Clock
from ..unit.search import plan_unit
from ..workspace import load_catalog, load_workspace, parse_person, training_clash

__all__ = ["audit", "verdict", "CohortLine", "cohort", "PlannerError", "LANGS", "messages", "render_audit",
           "write_atomic", "workspace_lock", "render_plan", "default_years", "plan", "resolve_policy", "environment",
           "offering_row", "load_catalog", "load_workspace", "parse_person", "resources", "plan_unit", "training_clash",
           "explain_plan", "render_unit", "audit_page", "plan_page", "add_record", "Clock", "output_reserve"]

render_audit = render_plan = render_unit = render      # the one dispatcher knows each result's type
