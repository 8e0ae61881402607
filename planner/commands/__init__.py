"""One module per command; importing this package registers them all."""
from . import audit  # noqa: F401
