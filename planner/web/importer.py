"""`/import`: upload a roster, preview every row with its cell errors,
confirm to write."""
from __future__ import annotations

from starlette.requests import Request

from .views import page


def import_page(request: Request):
    return page(request, "import.html.j2", preview=None)


async def preview(request: Request):
    return page(request, "import.html.j2", preview=None)


async def confirm(request: Request):
    return page(request, "import.html.j2", preview=None)
