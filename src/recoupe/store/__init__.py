"""The store: one SQLite file holding articles, their parses and embeddings, and every analysis.

``schema`` (migrations), ``writer`` (``Store``, the one writer), ``reader`` (``Reader``, read-only
queries for the web app, one connection per request).
"""
from __future__ import annotations

from .reader import MAX_LIMIT, Page, Reader
from .schema import SCHEMA_VERSION
from .writer import StaleAnalysis, Store

__all__ = ["MAX_LIMIT", "SCHEMA_VERSION", "Page", "Reader", "StaleAnalysis", "Store"]
