"""One module per command; importing this package registers them all."""
from . import audit  # noqa: F401
from . import suggest  # noqa: F401
from . import people  # noqa: F401
from . import catalog  # noqa: F401
from . import credit  # noqa: F401
from . import record  # noqa: F401
from . import unit  # noqa: F401
from . import importcmd  # noqa: F401
