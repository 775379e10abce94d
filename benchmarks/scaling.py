"""Scaling curves: time against input size, ours and each anchor, for the main workloads.

    python benchmarks/scaling.py --json benchmarks/scaling.json   # what the docs draw
    python benchmarks/scaling.py ksg                               # workloads whose name has "ksg"
    python benchmarks/scaling.py --quick                           # sizes up to 1e5, a smoke test

Each row of ``run.py`` times one size; this sweep times the same workloads
and anchors at sizes a decade (or half a decade) apart, so that the slope of
time against n shows on log-log axes (1 for linear work, a little above 1
for n log n) and so does the size below which a fixed per-call overhead
dominates.  At every size the value of ours and of each anchor are checked
to agree before they are timed.  Times come from ``run.best_time`` (the best
of several repeats; anchors taking seconds are timed once).  Anchors too slow
for the largest sizes stop at a cap, which the json records.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from run import _available, _bare_fused_ce, _ours_ksg, best_time, machine

# 1, 3, 10, 30, ...: two points a decade
HALF_DECADES = tuple(int(m * 10**e) for e in range(1, 8) for m in (1, 3))


@dataclass
class Curve:
    name: str
    size: str  # what n counts, for the axis label
    sizes: tuple[int, ...]
    setup: Callable[[int], dict]  # n -> {"ours": fn, anchor name: fn, ...}
    caps: dict[str, int] = field(default_factory=dict)  # anchor -> largest n it is timed at
    needs: dict[str, str] = field(default_factory=dict)  # anchor -> module it imports
    rtol: float = 1e-10
    atol: float = 0.0


CURVES: list[Curve] = []


def curve(name, size, sizes, **options):
    """Register a workload.

    ``setup(n)`` builds the data of size n and returns
    ``{"ours": fn, anchor: fn, ...}`` with callables of no argument whose
    values agree to ``rtol``/``atol``.
    """

    def deco(setup):
        CURVES.append(Curve(name, size, tuple(sizes), setup, **options))
        return setup

    return deco


@curve("entropy of a distribution", "outcomes K", HALF_DECADES[:-1])
def _(n):
    import scipy.stats as st

    import infomeasures as im

    p = np.random.default_rng(0).dirichlet(np.ones(n))
    return {
        "ours": lambda: im.entropy(p),
        "scipy.stats.entropy": lambda: st.entropy(p, base=2),
        "bare numpy -(p*log2(p)).sum()": lambda: -(p * np.log2(p)).sum(),
    }


@curve(
    "samples.mutual_information, int labels 50 x 80",
    "observations n",
    HALF_DECADES[1:-1],
    caps={"sklearn mutual_info_score": 10**7},
    needs={"sklearn mutual_info_score": "sklearn"},
)
def _(n):
    from scipy import special

    from infomeasures import samples

    rng = np.random.default_rng(0)
    x, y = rng.integers(0, 50, n), rng.integers(0, 80, n)

    def bare():
        t = np.bincount(x * 80 + y, minlength=4000).reshape(50, 80) / n
        return special.rel_entr(t, np.outer(t.sum(1), t.sum(0))).sum()

    def sklearn():
        from sklearn.metrics import mutual_info_score

        return mutual_info_score(x, y)

    return {
        "ours": lambda: samples.mutual_information(x, y, base=np.e),
        "bare numpy bincount + plug-in": bare,
        "sklearn mutual_info_score": sklearn,
    }


@curve(
    'KSG mutual information (estimator="ksg", k=3), 1-D x, y',
    "samples n",
    HALF_DECADES[1:-3],
    caps={"sklearn mutual_info_regression": 10**6, "ennemi estimate_mi": 3 * 10**5},
    needs={"sklearn mutual_info_regression": "sklearn", "ennemi estimate_mi": "ennemi"},
    # scikit-learn adds noise of 1e-10 x scale and ennemi seeded noise and an
    # asymptotic digamma good to ~1e-6: without ties neither moves a count.
    atol=1e-5,
)
def _(n):
    rng = np.random.default_rng(4)
    x = rng.normal(size=n)
    y = 0.6 * x + 0.8 * rng.normal(size=n)

    def sklearn():
        from sklearn.feature_selection import mutual_info_regression

        return mutual_info_regression(x[:, None], y, random_state=0)[0]

    def ennemi():
        from ennemi import estimate_mi

        return estimate_mi(y, x, k=3).item()

    return {
        "ours": lambda: _ours_ksg(x, y),
        "sklearn mutual_info_regression": sklearn,
        "ennemi estimate_mi": ennemi,
    }


@curve(
    "nn.log_softmax, rows of 100 logits",
    "logits (rows x 100)",
    HALF_DECADES[2:-1],
    # the two round a row's logsumexp differently: an entry near 0 then differs
    # by ~1e-16, absolute, which is a large relative error
    rtol=1e-13,
    atol=1e-13,
)
def _(n):
    from scipy.special import log_softmax

    from infomeasures import nn

    z = np.random.default_rng(4).normal(size=(n // 100, 100)) * 10
    return {
        "ours": lambda: nn.log_softmax(z),
        "scipy.special.log_softmax": lambda: log_softmax(z, axis=-1),
    }


@curve(
    "nn.softmax_cross_entropy + gradient, rows of 1000 logits",
    "logits (rows x 1000)",
    HALF_DECADES[4:-1],
    atol=1e-18,  # gradient entries of ~1e-20 differ in their last bits
)
def _(n):
    from infomeasures import nn

    rng = np.random.default_rng(3)
    z, y = rng.normal(size=(n // 1000, 1000)), rng.integers(0, 1000, n // 1000)
    return {
        "ours": lambda: nn.softmax_cross_entropy(z, y, return_grad=True),
        "bare fused numpy fwd+bwd": lambda: _bare_fused_ce(z, y),
    }


def _parts(value):
    """Return a workload's value as a tuple of the arrays it holds (loss and gradient)."""
    return value if isinstance(value, tuple) else (value,)


def _check(curve, n, values):
    ours = values.pop("ours")
    for anchor, value in values.items():
        for a, b in zip(_parts(ours), _parts(value), strict=True):
            np.testing.assert_allclose(
                a, b, rtol=curve.rtol, atol=curve.atol, err_msg=f"{curve.name}, n={n}, {anchor}"
            )


def sweep(curve, max_n):
    """Time ours and each anchor at every size of `curve` up to `max_n`.

    An anchor stops at its cap; at each size the values are checked to agree
    before anything is timed.
    """
    skipped = {a: m for a, m in curve.needs.items() if not _available(m)}
    series: dict[str, dict[str, list]] = {}
    for n in (s for s in curve.sizes if s <= max_n):
        fns = curve.setup(n)
        fns = {a: f for a, f in fns.items() if a not in skipped and n <= curve.caps.get(a, n)}
        _check(curve, n, {a: f() for a, f in fns.items()})
        times = {a: best_time(f) for a, f in fns.items()}
        print(f"{curve.name}, n={n:.0e}:", ", ".join(f"{a} {t:.3g} s" for a, t in times.items()))
        for a, t in times.items():
            s = series.setdefault(a, {"sizes": [], "seconds": []})
            s["sizes"].append(n)
            s["seconds"].append(t)
    return {
        "name": curve.name,
        "size": curve.size,
        "ours": series.pop("ours"),
        "anchors": series,
        "caps": {a: c for a, c in curve.caps.items() if a not in skipped},
        "skipped": {a: f"{m} not installed" for a, m in skipped.items()},
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("filter", nargs="?", default="", help="workloads whose name contains this")
    ap.add_argument("--quick", action="store_true", help="sizes up to 1e5")
    ap.add_argument("--json", metavar="PATH", help="write the curves, machine and versions")
    args = ap.parse_args(argv)

    where = machine()
    if _available("ennemi"):
        from importlib.metadata import version

        where["ennemi"] = version("ennemi")
    curves = [sweep(c, 10**5 if args.quick else 10**8) for c in CURVES if args.filter in c.name]
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({"machine": where, "quick": args.quick, "curves": curves}, f, indent=1)
            f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
