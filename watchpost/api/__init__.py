"""The HTTP API and dashboard server (`watchpost serve`): `create_app(db)` builds the FastAPI app."""
from .app import create_app

__all__ = ["create_app"]
