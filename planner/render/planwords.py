"""The words for a plan's state that every medium shares: what the status
line says, and what stands where the plan would be when it is empty.

When the catalogue holds nothing for the planned years, that is the one true
thing to say (and what to do: give --catalog), not "cannot meet every
target" beside "nothing new to plan"."""
from __future__ import annotations

from ..i18n import messages
from .cells import years_text


def missing_years(r) -> list[int]:
    """Planned years for which the catalogue holds no offering at all (every
    offering is either selected or rejected with its reason)."""
    have = {x.offering.credit_year for x in r.rejected} | {c.year for c in r.selected}
    return [y for y in r.years if y not in have]


def _runs(years: list[int], lang: str) -> str:
    runs: list[list[int]] = []
    for y in years:
        if runs and y == runs[-1][-1] + 1:
            runs[-1].append(y)
        else:
            runs.append([y])
    return messages(lang)["list_sep"].join(years_text(run[0], run[-1]) for run in runs)


def catalogue_gap(r, lang: str) -> str:
    """"The catalogue has no offerings for 2030: give --catalog", or ""."""
    missing = missing_years(r)
    return messages(lang)["plan"]["no_offerings"].format(years=_runs(missing, lang)) if missing else ""


def nothing_left(r) -> bool:
    """Nothing of the planned years is in the catalogue and targets are open:
    the gap is the whole story (no status, no repairs, no empty plan)."""
    return not r.met and not r.selected and missing_years(r) == list(r.years)


def status_words(r, lang: str) -> str:
    return catalogue_gap(r, lang) if nothing_left(r) else messages(lang)["plan"]["status"][r.status]


def empty_plan_words(r, lang: str) -> str:
    """Where the plan would be: nothing is needed, or nothing helps."""
    m = messages(lang)
    if nothing_left(r):
        return catalogue_gap(r, lang)
    return m["report"]["plan_none"] if r.met else m["plan"]["none_helps"]
