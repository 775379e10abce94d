"""Peak memory of KSG mutual information against n: it should grow as n times d.

    python benchmarks/memory.py                 # n = 1e4, 1e5, 1e6
    python benchmarks/memory.py 1000 100000     # chosen sizes

Each measurement runs in a fresh Python process.  It generates 1-D x and y
(as ``run.py``'s KSG rows do), notes its resident set, computes the estimate
and reports how far the peak resident set (``ru_maxrss``, which also counts
scipy's C++ allocations, unlike tracemalloc) rose above it, per point.  A
constant number of bytes per point across sizes is O(n) memory.
scikit-learn's ``mutual_info_regression`` is measured the same way in the
same run when it is installed.
"""

from __future__ import annotations

import argparse
import subprocess
import sys

_CHILD = """
import resource, numpy as np
n = {n}
rng = np.random.default_rng(4)
x = rng.standard_normal(n)
y = rng.standard_normal(n)
y *= 0.8
y += 0.6 * x
{setup}
with open("/proc/self/statm") as f:
    before = int(f.read().split()[1]) * resource.getpagesize()
{call}
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux
print(max(peak - before, 0))
"""

_CALLS = {
    "ours": (
        "from infomeasures import samples",
        "samples.mutual_information(x, y, estimator='ksg')",
    ),
    "sklearn mutual_info_regression": (
        "from sklearn.feature_selection import mutual_info_regression",
        "mutual_info_regression(x[:, None], y, random_state=0)",
    ),
}


def peak_growth(n: int, setup: str, call: str) -> int:
    """Bytes the peak resident set grew by while `call` ran, in a fresh process."""
    code = _CHILD.format(n=n, setup=setup, call=call)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return int(out.stdout.strip())


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[10**4, 10**5, 10**6])
    args = parser.parse_args(argv)
    if not sys.platform.startswith("linux"):
        print("memory.py reads /proc/self/statm: Linux only")
        return 1
    print(f"{'n':>9}  {'who':<32}{'peak growth':>14}{'bytes/point':>14}")
    for n in args.sizes:
        for who, (setup, call) in _CALLS.items():
            try:
                grown = peak_growth(n, setup, call)
            except subprocess.CalledProcessError as exc:  # e.g. scikit-learn not installed
                print(f"{n:>9}  {who:<32}{'skipped':>14}  ({exc.stderr.strip().splitlines()[-1]})")
                continue
            print(f"{n:>9}  {who:<32}{grown / 2**20:>11.1f} MiB{grown / n:>14.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
