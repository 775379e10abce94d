"""Mutual information over a lazily generated dask array larger than memory.

    python benchmarks/scale_dask.py            # 1e9 rows (about 16 GB if materialised)
    python benchmarks/scale_dask.py --rows 1e8

Each dask block (1e7 rows of two int64 label columns) is generated, counted
into a 50 x 80 table and merged; nothing of length n is ever held whole.
Reports the peak resident memory of the process and the throughput per core,
against the in-memory path on one block generated the same way (same run).
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time

import numpy as np


def _block(rng, n):
    x = rng.integers(0, 50, n)
    y = (x + rng.integers(0, 30, n)) % 80
    return x, y


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--rows", type=float, default=1e9)
    ap.add_argument("--chunk", type=float, default=1e7)
    args = ap.parse_args(argv)
    n, chunk = int(args.rows), int(args.chunk)

    import dask
    import dask.array as da

    from infomeasures import samples

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()

    # In-memory reference: generate one block with numpy and count it, one core.
    rng = np.random.default_rng(0)
    best = np.inf
    for _ in range(3):
        t0 = time.perf_counter()
        x, y = _block(rng, chunk)
        samples.mutual_information(x, y)
        best = min(best, time.perf_counter() - t0)
        del x, y
    in_memory_rate = chunk / best

    gen = da.random.default_rng(0)
    x = gen.integers(0, 50, n, chunks=chunk)
    y = (x + gen.integers(0, 30, n, chunks=chunk)) % 80
    with dask.config.set(scheduler="threads", num_workers=cores):
        t0 = time.perf_counter()
        mi = samples.mutual_information(x, y)
        elapsed = time.perf_counter() - t0
    peak_gib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20  # KiB on Linux
    rate_per_core = n / elapsed / cores

    print(f"rows                         {n:.3g} (in {n // chunk} blocks of {chunk:.3g})")
    print(f"mutual information           {mi:.9f} bits")
    print(f"wall time                    {elapsed:.1f} s on {cores} cores")
    print(f"peak resident memory         {peak_gib:.2f} GiB   (target < 2 GB)")
    print(f"dask rows/s per core         {rate_per_core:.3g}")
    print(f"in-memory rows/s (1 core)    {in_memory_rate:.3g}")
    print(f"ratio dask/in-memory         {rate_per_core / in_memory_rate:.2f} per core")
    return 0 if peak_gib * 2**30 < 2e9 else 1


if __name__ == "__main__":
    sys.exit(main())
