"""One module per command; importing this package registers them all."""
from . import audit  # noqa: F401
from . import suggest  # noqa: F401
