"""Time infomeasures against its anchors in the same process; print ratios.

    python benchmarks/run.py            # every row
    python benchmarks/run.py entropy    # rows whose name contains "entropy"
    python benchmarks/run.py --quick    # smaller workloads, for a smoke test

Machines are noisy, so only ratios measured in the same run are reported:
``ratio = our time / anchor time`` (below 1 means we are faster).  Each
time is the best of several repeats.  Rows whose anchor is not installed
(scikit-learn, torch, pandas, dask) are skipped with a note.
"""

from __future__ import annotations

import argparse
import sys
import timeit
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np


@dataclass
class Row:
    name: str
    setup: Callable[[bool], dict]  # quick -> {"ours": fn, "anchor": fn}
    anchor_name: str
    target: str  # what the ratio must satisfy, for the reader
    needs: tuple[str, ...] = ()


ROWS: list[Row] = []


def row(name, anchor_name, target, needs=()):
    """Register a benchmark: decorate a setup function returning a workload
    dict with 'ours' and 'anchor' callables taking no arguments."""

    def deco(setup):
        ROWS.append(Row(name, setup, anchor_name, target, needs))
        return setup

    return deco


def best_time(fn, min_total=0.2, repeat=5, slow=2.0):
    t0 = timeit.default_timer()
    fn()  # warm-up: caches, lazy imports, first-call allocation
    first = timeit.default_timer() - t0
    if first > slow:  # minutes-long anchors: one run is precise enough
        return first
    number = 1
    while True:
        t = timeit.timeit(fn, number=number)
        if t >= min_total / repeat or number >= 1 << 20:
            break
        number *= 4
    return min(timeit.repeat(fn, number=number, repeat=repeat)) / number


# --------------------------------------------------------------- distributions
@row("entropy, 4-element list", "bare numpy -(a*log2(a)).sum()", "<= 3")
def _(quick):
    import infomeasures as im

    lst = [0.1, 0.2, 0.3, 0.4]
    a = np.array(lst)
    return {"ours": lambda: im.entropy(lst), "anchor": lambda: -(a * np.log2(a)).sum()}


@row("entropy, 4-element list", "scipy.stats.entropy", "<= 0.05")
def _(quick):
    import scipy.stats as st

    import infomeasures as im

    lst = [0.1, 0.2, 0.3, 0.4]
    return {"ours": lambda: im.entropy(lst), "anchor": lambda: st.entropy(lst, base=2)}


@row("entropy, 1e7 vector", "bare numpy -(a*log2(a)).sum()", "<= 1.3")
def _(quick):
    import infomeasures as im

    p = np.random.default_rng(0).dirichlet(np.ones(10**6 if quick else 10**7))
    return {"ours": lambda: im.entropy(p), "anchor": lambda: -(p * np.log2(p)).sum()}


@row("kl_divergence, 1e7 vectors", "scipy.stats.entropy(p, q)", "< 1")
def _(quick):
    import scipy.stats as st

    import infomeasures as im

    rng = np.random.default_rng(1)
    n = 10**6 if quick else 10**7
    p, q = rng.dirichlet(np.ones(n)), rng.dirichlet(np.ones(n))
    return {"ours": lambda: im.kl_divergence(p, q), "anchor": lambda: st.entropy(p, q, base=2)}


@row("js_divergence, 1e7 vectors", "scipy.spatial.distance.jensenshannon", "< 1")
def _(quick):
    from scipy.spatial.distance import jensenshannon

    import infomeasures as im

    rng = np.random.default_rng(2)
    n = 10**6 if quick else 10**7
    p, q = rng.dirichlet(np.ones(n)), rng.dirichlet(np.ones(n))
    return {"ours": lambda: im.js_distance(p, q), "anchor": lambda: jensenshannon(p, q, base=2)}


# ------------------------------------------------------------------------ nn
def _ce_workload(quick, dtype=np.float64):
    rng = np.random.default_rng(3)
    n, k = (512, 1000) if quick else (4096, 1000)
    return rng.normal(size=(n, k)).astype(dtype), rng.integers(0, k, size=n)


def _bare_fused_ce(z, y):
    """The bare numpy softmax cross-entropy forward + backward."""
    n = len(y)
    m = z.max(axis=1, keepdims=True)
    e = np.exp(z - m)
    s = e.sum(axis=1, keepdims=True)
    loss = (np.log(s[:, 0]) + m[:, 0] - z[np.arange(n), y]).mean()
    g = e / s
    g[np.arange(n), y] -= 1
    g /= n
    return loss, g


@row("softmax_cross_entropy+grad, 4096x1000 f64", "bare fused numpy fwd+bwd", "<= 1.3")
def _(quick):
    from infomeasures import nn

    z, y = _ce_workload(quick)
    loss, grad = nn.softmax_cross_entropy(z, y, return_grad=True)
    bare_loss, bare_grad = _bare_fused_ce(z, y)
    np.testing.assert_allclose(loss, bare_loss, rtol=1e-12)
    np.testing.assert_allclose(grad, bare_grad, rtol=1e-10, atol=1e-18)
    return {
        "ours": lambda: nn.softmax_cross_entropy(z, y, return_grad=True),
        "anchor": lambda: _bare_fused_ce(z, y),
    }


@row("softmax_cross_entropy+grad, float32", "ours on float64", "<= 1/1.3 = 0.77")
def _(quick):
    from infomeasures import nn

    z, y = _ce_workload(quick)
    z32 = z.astype(np.float32)
    return {
        "ours": lambda: nn.softmax_cross_entropy(z32, y, return_grad=True),
        "anchor": lambda: nn.softmax_cross_entropy(z, y, return_grad=True),
    }


@row(
    "softmax_cross_entropy+grad, 4096x1000 f32",
    "torch F.cross_entropy fwd+bwd (CPU)",
    "report",
    needs=("torch",),
)
def _(quick):
    import torch

    from infomeasures import nn

    z, y = _ce_workload(quick, np.float32)
    zt, yt = torch.from_numpy(z), torch.from_numpy(y)

    def torch_step():
        x = zt.clone().requires_grad_(True)
        torch.nn.functional.cross_entropy(x, yt).backward()
        return x.grad

    return {"ours": lambda: nn.softmax_cross_entropy(z, y, return_grad=True), "anchor": torch_step}


@row("nn.log_softmax, 1e4x1e3 f64", "scipy.special.log_softmax", "<= 1.0")
def _(quick):
    from scipy.special import log_softmax

    from infomeasures import nn

    n = 1000 if quick else 10_000
    z = np.random.default_rng(4).normal(size=(n, 1000)) * 10
    np.testing.assert_allclose(nn.log_softmax(z), log_softmax(z, axis=-1), rtol=1e-13, atol=1e-13)
    return {"ours": lambda: nn.log_softmax(z), "anchor": lambda: log_softmax(z, axis=-1)}


# --------------------------------------------------------------------- samples
def _label_workload(quick):
    rng = np.random.default_rng(0)
    n = 10**6 if quick else 10**7
    return rng.integers(0, 50, n), rng.integers(0, 80, n)


@row("samples MI, 1e7 int labels 50x80", "bare np.bincount of codes + plug-in", "<= 1.5")
def _(quick):
    from scipy import special

    from infomeasures import samples

    x, y = _label_workload(quick)

    def bare():
        t = np.bincount(x * 80 + y, minlength=4000).reshape(50, 80) / x.size
        return special.rel_entr(t, np.outer(t.sum(1), t.sum(0))).sum()

    return {"ours": lambda: samples.mutual_information(x, y, base=np.e), "anchor": bare}


@row(
    "samples MI, 1e7 int labels 50x80",
    "sklearn mutual_info_score",
    "<= 1/50 = 0.02",
    needs=("sklearn",),
)
def _(quick):
    from sklearn.metrics import mutual_info_score

    from infomeasures import samples

    x, y = _label_workload(quick)
    return {
        "ours": lambda: samples.mutual_information(x, y, base=np.e),
        "anchor": lambda: mutual_info_score(x, y),
    }


@row("samples MI, 1e6 string labels", "sklearn mutual_info_score", "<= 1", needs=("sklearn",))
def _(quick):
    from sklearn.metrics import mutual_info_score

    from infomeasures import samples

    rng = np.random.default_rng(1)
    n = 10**5 if quick else 10**6
    words = np.array([f"label-{i:04d}" for i in range(300)])
    x, y = words[rng.integers(0, 300, n)], words[rng.integers(0, 40, n)]
    return {
        "ours": lambda: samples.mutual_information(x, y, base=np.e),
        "anchor": lambda: mutual_info_score(x, y),
    }


def _object_labels(quick, seed):
    rng = np.random.default_rng(seed)
    n = 10**5 if quick else 10**6
    words = np.array([f"label-{i:04d}" for i in range(1000)], dtype=object)
    return words[rng.integers(0, 1000, n)]


def _plugin_nats(counts):
    from scipy import special

    return special.entr(counts / counts.sum()).sum()


@row(
    "samples.entropy, 1e6 Python-string labels (object, 1,000 distinct)",
    "pd.factorize + np.bincount + plug-in",
    "<= 1",
    needs=("pandas",),
)
def _(quick):
    import pandas as pd

    from infomeasures import samples

    x = _object_labels(quick, 4)

    def anchor():
        return _plugin_nats(np.bincount(pd.factorize(x)[0]))

    assert abs(samples.entropy(x, base=np.e) - anchor()) <= 1e-12
    return {"ours": lambda: samples.entropy(x, base=np.e), "anchor": anchor}


@row(
    "samples.mutual_information, 1e6 Python-string labels (object, 1,000 x 1,000)",
    "pd.factorize + np.bincount + plug-in",
    "<= 1",
    needs=("pandas",),
)
def _(quick):
    import pandas as pd
    from scipy import special

    from infomeasures import samples

    x, y = _object_labels(quick, 5), _object_labels(quick, 6)

    def anchor():
        (cx, ux), (cy, uy) = pd.factorize(x), pd.factorize(y)
        t = np.bincount(cx * len(uy) + cy, minlength=len(ux) * len(uy)).reshape(len(ux), -1)
        t = t / x.size
        return special.rel_entr(t, np.outer(t.sum(1), t.sum(0))).sum()

    assert abs(samples.mutual_information(x, y, base=np.e) - anchor()) <= 1e-12
    return {"ours": lambda: samples.mutual_information(x, y, base=np.e), "anchor": anchor}


@row("samples.entropy, 1e7 small non-negative ints", "np.bincount + plug-in", "<= 1.1")
def _(quick):
    from infomeasures import samples

    x = np.random.default_rng(7).integers(0, 100, 10**6 if quick else 10**7)

    def anchor():
        return _plugin_nats(np.bincount(x))

    assert abs(samples.entropy(x, base=np.e) - anchor()) <= 1e-13
    return {"ours": lambda: samples.entropy(x, base=np.e), "anchor": anchor}


# --------------------------------------------------------------------- metrics
def _ami_workload(n, kx, ky):
    rng = np.random.default_rng(2)
    u = rng.integers(0, kx, n)
    return u, (u + rng.integers(0, ky // 4, n)) % ky


def _ami_row(n, kx, ky, quick_n):
    from sklearn.metrics import adjusted_mutual_info_score as sk_ami

    from infomeasures.metrics import adjusted_mutual_info_score

    def setup(quick):
        u, w = _ami_workload(quick_n if quick else n, kx, ky)
        return {"ours": lambda: adjusted_mutual_info_score(u, w), "anchor": lambda: sk_ami(u, w)}

    return setup


for _n, _kx, _ky, _target in [
    (10**5, 300, 400, "< 1"),
    (10**6, 1000, 1000, "report"),
]:
    row(
        f"adjusted_mutual_info_score, n={_n:.0e}, {_kx}x{_ky}",
        "sklearn adjusted_mutual_info_score",
        _target,
        needs=("sklearn",),
    )(_ami_row(_n, _kx, _ky, 10**4))


@row(
    "metrics.mutual_info_score, 1e7 int labels",
    "sklearn mutual_info_score",
    "<= 1/50 = 0.02",
    needs=("sklearn",),
)
def _(quick):
    from sklearn.metrics import mutual_info_score as sk_mi

    from infomeasures.metrics import mutual_info_score

    x, y = _label_workload(quick)
    return {"ours": lambda: mutual_info_score(x, y), "anchor": lambda: sk_mi(x, y)}


# ------------------------------------------------------------------------- cli
@row(
    "CLI read_columns, 1e6-row CSV into Counts",
    "pandas.read_csv of the same file",
    "report (rows/s = n / ours)",
    needs=("pandas",),
)
def _(quick):
    import os
    import tempfile

    import pandas as pd

    from infomeasures.cli import read_columns

    n = 10**5 if quick else 10**6
    rng = np.random.default_rng(3)
    x, y = rng.integers(0, 50, n), rng.integers(0, 80, n)
    fd, path = tempfile.mkstemp(suffix=".csv")
    with os.fdopen(fd, "w") as f:
        f.write("x,y\n" + "".join(f"{a},{b}\n" for a, b in zip(x, y, strict=True)))
    return {
        "ours": lambda: read_columns(path, ["x", "y"]),
        "anchor": lambda: pd.read_csv(path),
    }


# ------------------------------------------------------------------ continuous
# (k-nearest-neighbour and Gaussian estimators: rows are added here)
def _ksg_workload(quick):
    rng = np.random.default_rng(4)
    n = 10**4 if quick else 10**5
    x = rng.normal(size=n)
    return x, 0.6 * x + 0.8 * rng.normal(size=n)


def _ksg_floor(x, y, k=3):
    """What numpy and scipy allow: one max-norm k-th-neighbour query of a
    cKDTree and the marginal counts from one sort and searchsorted."""
    from scipy.spatial import cKDTree

    xy = np.column_stack((x, y))
    tree = cKDTree(xy, balanced_tree=False)
    rho = tree.query(xy, k=[k + 1], p=np.inf, workers=-1)[0][:, 0]
    sx, sy = np.sort(x), np.sort(y)
    nx = np.searchsorted(sx, x + rho) - np.searchsorted(sx, x - rho)
    ny = np.searchsorted(sy, y + rho) - np.searchsorted(sy, y - rho)
    return nx, ny


def _ours_ksg(x, y):
    from infomeasures import samples

    return samples.mutual_information(x, y, estimator="ksg", base=np.e)


@row("ksg MI, 1-D x, y, n=1e5", "sklearn mutual_info_regression", "<= 1/3.5", needs=("sklearn",))
def _(quick):
    from sklearn.feature_selection import mutual_info_regression

    x, y = _ksg_workload(quick)
    X = x[:, None]
    theirs = mutual_info_regression(X, y, random_state=0)[0]
    # scikit-learn adds noise of 1e-10 x scale: without ties it moves no count.
    assert abs(_ours_ksg(x, y) - theirs) < 1e-6, (_ours_ksg(x, y), theirs)
    return {
        "ours": lambda: _ours_ksg(x, y),
        "anchor": lambda: mutual_info_regression(X, y, random_state=0),
    }


@row("ksg MI, 1-D x, y, n=1e5", "ennemi estimate_mi", "<= 1/4", needs=("ennemi",))
def _(quick):
    from ennemi import estimate_mi

    x, y = _ksg_workload(quick)
    theirs = estimate_mi(y, x, k=3).item()
    # ennemi adds seeded noise and uses an asymptotic digamma good to ~1e-6.
    assert abs(_ours_ksg(x, y) - theirs) < 1e-5, (_ours_ksg(x, y), theirs)
    return {"ours": lambda: _ours_ksg(x, y), "anchor": lambda: estimate_mi(y, x, k=3)}


@row("ksg MI, 1-D x, y, n=1e5", "floor: cKDTree query + sort/searchsorted", "report (~1)")
def _(quick):
    x, y = _ksg_workload(quick)
    return {"ours": lambda: _ours_ksg(x, y), "anchor": lambda: _ksg_floor(x, y)}


@row(
    "mutual_info_classif, 20000 x 20",
    "sklearn mutual_info_classif",
    "<= 1/5 = 0.2",
    needs=("sklearn",),
)
def _(quick):
    from sklearn.feature_selection import mutual_info_classif as sk_mic

    from infomeasures._features import mutual_info_classif

    rng = np.random.default_rng(5)
    n = 4000 if quick else 20000
    y = rng.integers(0, 3, n)
    X = rng.normal(size=(n, 20)) + y[:, None] * np.linspace(0, 1, 20)
    ours, theirs = mutual_info_classif(X, y, random_state=0), sk_mic(X, y, random_state=0)
    assert np.abs(ours - theirs).max() < 1e-6
    return {
        "ours": lambda: mutual_info_classif(X, y, random_state=0),
        "anchor": lambda: sk_mic(X, y, random_state=0),
    }


@row("ksg MI, 1-D x, y, n=1e5", "the KSG kernel alone (_neighbors.ksg)", "<= 1.05")
def _(quick):
    from infomeasures._neighbors import ksg

    x, y = _ksg_workload(quick)
    X, Y = x[:, None], y[:, None]
    # The public path: validation, dtype dispatch, unit conversion around one kernel call.
    assert _ours_ksg(x, y) == ksg(X, Y, 3)
    return {"ours": lambda: _ours_ksg(x, y), "anchor": lambda: ksg(X, Y, 3)}


# ------------------------------------------------------------------ resampling
# (independence tests and bootstrap intervals: rows are added here)


# ---------------------------------------------------------------- multivariate
# (total correlation, O-information and friends: rows are added here)


def _available(mod):
    try:
        __import__(mod)
    except ImportError:
        return False
    return True


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("filter", nargs="?", default="", help="run rows whose name contains this")
    ap.add_argument("--quick", action="store_true", help="smaller workloads")
    args = ap.parse_args(argv)

    print(f"{'benchmark':<44} {'anchor':<40} {'ours':>10} {'anchor':>10} {'ratio':>7}  target")
    for r in ROWS:
        if args.filter not in r.name:
            continue
        missing = [m for m in r.needs if not _available(m)]
        if missing:
            print(f"{r.name:<44} {r.anchor_name:<40} skipped: {', '.join(missing)} not installed")
            continue
        w = r.setup(args.quick)
        ours, anchor = best_time(w["ours"]), best_time(w["anchor"])
        print(
            f"{r.name:<44} {r.anchor_name:<40} {_fmt(ours):>10} {_fmt(anchor):>10} "
            f"{ours / anchor:7.3f}  {r.target}",
            flush=True,
        )
    return 0


def _fmt(seconds):
    for unit, f in (("s", 1), ("ms", 1e3), ("us", 1e6)):
        if seconds * f >= 1:
            return f"{seconds * f:.3g} {unit}"
    return f"{seconds * 1e9:.3g} ns"


if __name__ == "__main__":
    sys.exit(main())
