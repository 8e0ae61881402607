"""Everything the web wing takes from the layers below, named in one place:
the planners, the loaders and the renderers the CLI uses (web/ sits beside
commands/; nothing below imports web/)."""
from __future__ import annotations

from ..audit import audit
from ..cohort import CohortLine, cohort
from ..errors import PlannerError
from ..listings import offering_row
from ..messages import LANGS, messages
from ..output import render_audit, write_atomic
from ..plan.output import render_plan
from ..plan.solve import default_years, plan
from ..plan.unit import plan_unit
from ..plan.unit_explain import explain_plan
from ..plan.unit_report import render_unit
from ..policy import resolve_policy
from ..report import environment
from ..workspace import load_catalog, load_workspace, parse_person
from .. import resources

__all__ = ["audit", "CohortLine", "cohort", "PlannerError", "LANGS", "messages", "render_audit",
           "write_atomic", "render_plan", "default_years", "plan", "resolve_policy", "environment", "offering_row",
           "load_catalog", "load_workspace", "parse_person", "resources", "plan_unit", "explain_plan", "render_unit"]
