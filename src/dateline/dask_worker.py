"""What a Dask cluster does before its first chunk of articles (imported only where Dask is used).

:class:`DaskWorkerSetup` is registered by :class:`dateline.parallel.DaskCluster` on every worker of
the cluster, the ones running and the ones that start later (after a worker died, or joined);
:func:`load_on_scheduler` runs on the scheduler.
"""

from __future__ import annotations

import asyncio
import ctypes
import sys
from typing import TYPE_CHECKING

from distributed.diagnostics.plugin import WorkerPlugin

from dateline.parallel import warm_worker

if TYPE_CHECKING:
    from distributed import Worker

# glibc's own thresholds grow to these (its DEFAULT_MMAP_THRESHOLD_MAX on 64 bits, and twice that)
MMAP_THRESHOLD = 32 * 1024 * 1024
TRIM_THRESHOLD = 2 * MMAP_THRESHOLD
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3  # mallopt's parameter numbers (malloc.h)


def keep_freed_memory() -> bool:
    """Let this process's allocator reuse the memory it frees, as glibc does by default.

    A Dask nanny starts its worker with ``MALLOC_TRIM_THRESHOLD_=65536``, which fixes glibc's
    thresholds at their minimum: every large array spaCy frees goes back to the system and the
    next one faults its pages in anew. Measured on these chunks, that costs a Dask worker
    ≈ 15 % more CPU than a local pool's worker (docs/benchmarks.md). The memory stays bounded by
    the worker's peak. False where there is no glibc.
    """
    try:
        libc = ctypes.CDLL("libc.so.6")
        return bool(libc.mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD) and libc.mallopt(_M_TRIM_THRESHOLD, TRIM_THRESHOLD))
    except (OSError, AttributeError):
        return False


class DaskWorkerSetup(WorkerPlugin):
    """Run on each worker of a Dask cluster, now and whenever one (re)starts: the allocator keeps
    what it frees (:func:`keep_freed_memory`) and the model and tables load (:func:`warm_worker`),
    so the first chunk costs what every other chunk costs."""

    name = "dateline-worker-setup"
    idempotent = True  # registered again by another client of the cluster: already done

    async def setup(self, worker: Worker) -> None:
        keep_freed_memory()
        await asyncio.to_thread(warm_worker)  # seconds: not on the worker's event loop


def load_on_scheduler() -> int:
    """Import Dateline's stages in the scheduler's process now; returns its count of modules.

    The scheduler unpickles every task, so the first chunk makes it import ``dateline.parallel``
    and with it the pipeline, spaCy and the events stage: 2-3 s of the scheduler's CPU, measured,
    in the middle of the batch. Unpickling this function does that import at connection instead.
    """
    return len(sys.modules)
