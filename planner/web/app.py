"""The ASGI application of `planner serve`: routes, middleware, state."""
from __future__ import annotations

import getpass
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.responses import FileResponse, PlainTextResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from pathlib import Path

from . import auth, home, person
from .config import ServeConfig
from .security import BodyLimit, LoginWall, SecurityHeaders
from .domain import PlannerError
from .store import Store
from .views import problem

STATIC = Path(__file__).resolve().parent / "static"


def healthz(request):
    return PlainTextResponse("ok")


def favicon(request):
    return FileResponse(STATIC / "favicon.svg", media_type="image/svg+xml")


def report_css(request):
    """The reports' own stylesheet (templates/report.css), served so pages need no inline style."""
    from .domain import resources
    css = (resources.templates_dir() / "report.css").read_text(encoding="utf-8")
    return PlainTextResponse(css, media_type="text/css", headers={"cache-control": "max-age=300"})


async def bad_workspace(request, err):
    """A file of the workspace that does not read: named, never a traceback."""
    return problem(request, str(err), 500)


def routes() -> list:
    from . import importer, units
    return [
        Route("/", home.workspace),
        Route("/healthz", healthz),
        Route("/favicon.ico", favicon),
        Route("/catalog", home.catalog),
        Route("/login", auth.login, methods=["GET", "POST"]),
        Route("/logout", auth.logout, methods=["POST"]),
        Route("/people/{pid}", person.person_page),
        Route("/people/{pid}/whatif", person.whatif, methods=["POST"]),
        Route("/people/{pid}/records", person.add_record, methods=["POST"]),
        Route("/people/{pid}/{kind}.{fmt}", person.download),
        Route("/units/{uid}", units.unit_page),
        Route("/units/{uid}/plan", units.start, methods=["POST"]),
        Route("/units/{uid}/stop", units.stop, methods=["POST"]),
        Route("/units/{uid}/progress.json", units.progress_json),
        Route("/units/{uid}/{job}/{name}", units.download),
        Route("/import", importer.import_page, methods=["GET"]),
        Route("/import/preview", importer.preview, methods=["POST"]),
        Route("/import/confirm", importer.confirm, methods=["POST"]),
        Route("/static/report.css", report_css),
        Mount("/static", app=StaticFiles(directory=str(STATIC)), name="static"),
    ]


def create_app(config: ServeConfig) -> Starlette:
    from .jobs import Jobs
    store = Store(config)
    jobs = Jobs(config.limits)
    middleware = [
        Middleware(SecurityHeaders),
        Middleware(BodyLimit, default=config.limits.form_bytes,
                   larger={"/import/preview": config.limits.upload_bytes}),
        Middleware(SessionMiddleware, secret_key=config.secret, session_cookie="planner_session",
                   same_site="lax", https_only=False, max_age=12 * 3600),
        Middleware(LoginWall, required=config.login_required),
    ]
    @asynccontextmanager
    async def lifespan(app):
        yield
        jobs.shutdown()

    app = Starlette(routes=routes(), middleware=middleware, lifespan=lifespan,
                    exception_handlers={PlannerError: bad_workspace})
    app.state.config = config
    app.state.store = store
    app.state.jobs = jobs
    app.state.uploads = {}
    app.state.local_user = f"{_os_user()}@local"
    return app


def _os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:       # no login name in this environment
        return "officer"
