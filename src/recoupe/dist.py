"""Dask execution: the only module that imports dask.

The pipeline runs its per-article work through any ``concurrent.futures.Executor``; this module builds
one from a Dask ``distributed`` client, either on a ``LocalCluster`` started here (one single-threaded
worker process per core: spaCy and the encoder load once per worker and use the core alone) or on an
existing scheduler (``tcp://HOST:PORT``), whose workers need recoupe installed.
"""
from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from concurrent.futures import Executor
from contextlib import ExitStack, contextmanager

from .errors import DaskError

log = logging.getLogger(__name__)


@contextmanager
def executor(address: str | None = None, workers: int | None = None) -> Iterator[Executor]:
    """An Executor over Dask: a LocalCluster of ``workers`` processes (default: the machine's cores), or
    the scheduler at ``address``. The cluster and client close when the block ends."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as err:
        raise DaskError("Dask is needed for --dask: pip install 'recoupe[dask]'") from err
    with ExitStack() as stack:
        if address:
            try:
                client = stack.enter_context(Client(address, timeout="10s"))
            except OSError as err:
                raise DaskError(f"cannot reach the Dask scheduler at {address}: {err}") from err
        else:
            n = workers or os.cpu_count() or 1
            cluster = stack.enter_context(LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                                       dashboard_address=":0", silence_logs=logging.ERROR))
            client = stack.enter_context(Client(cluster))
        log.info("Dask: %s workers at %s", len(client.scheduler_info()["workers"]), client.scheduler.address)
        yield client.get_executor()
