"""The FastAPI application: read endpoints over a Store, token-guarded ingest, the dashboard
and the OpenAPI page, all served offline by one process."""
from __future__ import annotations

import logging
from contextlib import asynccontextmanager
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any, Sequence

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles

from . import agreements, documents, events, stats
from .ingest import IngestService
from .pool import ReadStore, StorePool

WEB_DIR = Path(__file__).resolve().parent.parent / "web"
VENDOR_DIR = WEB_DIR / "vendor"
MAX_BODY = 10_000_000  # bytes of one ingest request
DASHBOARD_CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; object-src 'none'; frame-ancestors 'none'"
log = logging.getLogger("watchpost.api")


@dataclass
class Settings:
    """What one server instance needs: the database and the ingest and CORS settings."""

    db: str
    token: str | None = None  # POST /documents is refused without one
    cors_origins: Sequence[str] = ()
    max_body: int = MAX_BODY


def vendored() -> bool:
    """Whether `make setup` has copied the browser libraries into the package."""
    return (VENDOR_DIR / "leaflet" / "leaflet.js").exists()


def create_app(db: str, token: str | None = None, cors_origins: Sequence[str] = (), max_body: int = MAX_BODY,
               extractor: Any = None) -> FastAPI:
    """The API and dashboard over the store at `db` (a SQLite path or postgresql:// address).
    `extractor` replaces the spaCy extractor for ingest (tests)."""
    pool = StorePool(db)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        pool.close()

    app = FastAPI(title="Watchpost", version=version("watchpost"), lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Conflict events extracted from news, with status, actors, places, dates and their sources.")
    app.state.settings = Settings(db, token, tuple(cors_origins), max_body)
    app.state.pool = pool
    app.state.ingest = IngestService(db, extractor)
    for module in (events, documents, stats, agreements):
        app.include_router(module.router)
    if cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=list(cors_origins), allow_methods=["GET"], expose_headers=["X-Total-Count"])
    add_handlers(app)
    add_pages(app)
    return app


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

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers["X-Content-Type-Options"] = "nosniff"
        if request.url.path.startswith("/dashboard"):
            response.headers["Content-Security-Policy"] = DASHBOARD_CSP
        return response


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
    def root() -> RedirectResponse:
        return RedirectResponse("/dashboard/")

    app.mount("/dashboard", StaticFiles(directory=WEB_DIR, html=True), name="dashboard")
