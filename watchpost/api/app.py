"""The FastAPI application: read endpoints over a Store, token-guarded ingest, the dashboard
and the OpenAPI page, all served offline. `watchpost serve` runs it in one or several
processes (`from_environment`), each with its own read-only connections; ingest goes through
the store's one ingest lock whichever process takes the request."""
from __future__ import annotations

import json
import logging
import os
from contextlib import asynccontextmanager
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any, Sequence

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.trustedhost import TrustedHostMiddleware
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles

from . import agreements, documents, events, places, stats
from .http import FastJSONResponse, Revalidate, SecurityHeaders
from .ingest import IngestService
from .pool import ReadStore, StorePool

WEB_DIR = Path(__file__).resolve().parent.parent / "web"
VENDOR_DIR = WEB_DIR / "vendor"
MAX_BODY = 10_000_000  # bytes of one ingest request
DASHBOARD_CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; object-src 'none'; frame-ancestors 'none'"
LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")  # the Host names `watchpost serve` answers unless told others
TEST_HOST = "testserver"  # the name Starlette's test client sends
SERVE_ENV = "WATCHPOST_SERVE"  # JSON settings for the app of each `watchpost serve` process
log = logging.getLogger("watchpost.api")


@dataclass
class Settings:
    """What one server instance needs: the database and the ingest and CORS settings."""

    db: str
    token: str | None = None  # POST /documents is refused without one
    cors_origins: Sequence[str] = ()
    max_body: int = MAX_BODY
    allowed_hosts: Sequence[str] = (*LOCAL_HOSTS, TEST_HOST)  # Host header values answered ("*": any)


def vendored() -> bool:
    """Whether `make setup` has copied the browser libraries into the package."""
    return (VENDOR_DIR / "leaflet" / "leaflet.js").exists()


def create_app(db: str, token: str | None = None, cors_origins: Sequence[str] = (), max_body: int = MAX_BODY,
               extractor: Any = None, allowed_hosts: Sequence[str] = Settings.allowed_hosts, response_cache: bool = True) -> FastAPI:
    """The API and dashboard over the store at `db` (a SQLite path or postgresql:// address).
    Requests naming another host than `allowed_hosts` are refused (a DNS-rebinding page cannot
    read the store). `extractor` replaces the spaCy extractor for ingest (tests)."""
    pool = StorePool(db)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        pool.close()

    app = FastAPI(title="Watchpost", version=version("watchpost"), lifespan=lifespan, docs_url=None, redoc_url=None,
                  default_response_class=FastJSONResponse,
                  description="Conflict events extracted from news, with status, actors, places, dates and their sources.")
    app.state.settings = Settings(db, token, tuple(cors_origins), max_body, tuple(allowed_hosts))
    app.state.pool = pool
    app.state.ingest = IngestService(db, extractor)
    for module in (places, events, documents, stats, agreements):  # places first: /events/areas before /events/{id}
        app.include_router(module.router)
    add_handlers(app)  # innermost: the headers every answer carries, kept with it in the response cache
    app.add_middleware(Revalidate, data_version=pool.data_version, threaded=pool.dialect == "postgresql", cache=response_cache)
    if cors_origins:  # outside the cache: what it adds depends on each request's Origin
        app.add_middleware(CORSMiddleware, allow_origins=list(cors_origins), allow_methods=["GET"],
                           expose_headers=["X-Total-Count", "ETag"])
    if "*" not in allowed_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))
    add_pages(app)
    return app


def from_environment() -> FastAPI:
    """The app of one `watchpost serve` process (uvicorn imports it in each worker), its settings
    read from $WATCHPOST_SERVE and the token from $WATCHPOST_TOKEN."""
    settings = json.loads(os.environ[SERVE_ENV])
    return create_app(settings["db"], token=os.environ.get("WATCHPOST_TOKEN") or None, cors_origins=settings["cors_origins"],
                      allowed_hosts=settings["allowed_hosts"], response_cache=settings.get("response_cache", True))


def add_handlers(app: FastAPI) -> None:
    """Bad parameters are 400 with what was wrong; anything unexpected is a bare 500, logged here."""

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [{"loc": list(e["loc"]), "msg": e["msg"]} for e in exc.errors()]
        return JSONResponse({"detail": errors}, status_code=400)

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception) -> JSONResponse:
        log.exception("%s %s failed", request.method, request.url.path)
        return JSONResponse({"detail": "internal server error"}, status_code=500)

    app.add_middleware(SecurityHeaders, dashboard_csp=DASHBOARD_CSP)


def add_pages(app: FastAPI) -> None:
    """Health, the offline OpenAPI page and the dashboard's static files."""

    @app.get("/health", tags=["meta"])
    def health(store: ReadStore) -> dict:
        """Liveness, what the store holds, and whether ingest and the dashboard assets are available."""
        return {"status": "ok", "version": app.version, "counts": store.counts(),
                "ingest": bool(app.state.settings.token), "dashboard_assets": vendored()}

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(openapi_url=app.openapi_url, title="Watchpost API",
                                   swagger_js_url="/dashboard/vendor/swagger-ui/swagger-ui-bundle.js",
                                   swagger_css_url="/dashboard/vendor/swagger-ui/swagger-ui.css",
                                   swagger_favicon_url="/dashboard/favicon.svg",
                                   swagger_ui_parameters={"validatorUrl": None})

    @app.get("/", include_in_schema=False)
    def root(request: Request) -> RedirectResponse:
        """The dashboard, with the query kept: a shared link's filters and open event survive."""
        query = request.url.query
        return RedirectResponse(f"/dashboard/?{query}" if query else "/dashboard/")

    app.mount("/dashboard", StaticFiles(directory=WEB_DIR, html=True), name="dashboard")
