"""One module per command, each a plain click command. cli.py loads a
command's module only when that command runs (or its help is asked for):
COMMANDS maps each command name to "module:function" in this package."""

COMMANDS = {
    "audit": "audit:audit",
    "suggest": "suggest:suggest",
    "people": "people:people",
    "catalog": "catalog:catalog",
    "credit": "credit:credit",
    "record": "record:record",
    "unit": "unit:unit",
    "import": "importcmd:import_",
    "serve": "serve:serve",
    "batch": "batch:batch",
    "render": "render:render",
    "init": "init:init",
    "config": "configcmd:config",
    "completion": "complete:completion",
}
