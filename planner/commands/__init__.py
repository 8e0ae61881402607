"""One module per command, each a plain click command; cli.py registers ALL."""
from . import audit, batch, catalog, configcmd, credit, importcmd, init, people, record, render, serve, suggest, unit

ALL = (audit.audit, suggest.suggest, people.people, catalog.catalog, credit.credit,
       record.record, unit.unit, importcmd.import_, serve.serve, batch.batch, render.render, init.init,
       configcmd.config)
