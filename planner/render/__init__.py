"""Every output: one module per result (audit in text/jsonout/jinja, plan,
unit, cohort, listings), one per medium (text, jsonout, jinja, svg, ics,
xlsx), and `formats` choosing among them."""
