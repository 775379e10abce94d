"""Time infomeasures against its anchors in the same process; print ratios.

    python benchmarks/run.py            # every row
    python benchmarks/run.py entropy    # rows whose name contains "entropy"
    python benchmarks/run.py --quick    # smaller workloads, for a smoke test
    python benchmarks/run.py --check    # exit 1 when a ratio misses its target
    python benchmarks/run.py --json benchmarks/results.json   # rows + machine, for the docs

Machines are noisy, so only ratios measured in the same run are reported:
``ratio = our time / anchor time`` (below 1 means we are faster).  Each
time is the best of several repeats.  Rows whose anchor is not installed
(scikit-learn, torch, pandas, dask) are skipped with a note.  Each row times
one size; ``benchmarks/scaling.py`` times the main workloads at many sizes.
"""

from __future__ import annotations

import argparse
import datetime
import json
import operator
import os
import platform
import re
import sys
import timeit
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

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
    """Register a benchmark.

    Decorate a setup function returning a workload dict with 'ours' and
    'anchor' callables taking no arguments.
    """

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
    assert np.isclose(im.entropy(p), -(p * np.log2(p)).sum(), rtol=1e-12)
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


@row("kl_divergence, 1e7 vectors", "masked numpy (p[m]*log(p[m]/q[m])).sum()", "<= 1.3")
def _(quick):
    import infomeasures as im

    rng = np.random.default_rng(1)
    n = 10**6 if quick else 10**7
    p, q = rng.dirichlet(np.ones(n)), rng.dirichlet(np.ones(n))

    def masked():
        m = p > 0
        pm = p[m]
        return (pm * np.log(pm / q[m])).sum()

    assert np.isclose(im.kl_divergence(p, q, base=np.e), masked(), rtol=1e-12)
    return {"ours": lambda: im.kl_divergence(p, q, base=np.e), "anchor": masked}


@row("js_distance, two 4-vectors", "scipy.spatial.distance.jensenshannon", "<= 1/3")
def _(quick):
    from scipy.spatial.distance import jensenshannon

    import infomeasures as im

    p, q = np.array([0.1, 0.2, 0.3, 0.4]), np.array([0.4, 0.3, 0.2, 0.1])
    assert np.isclose(im.js_distance(p, q), jensenshannon(p, q, base=2), rtol=1e-14)
    return {"ours": lambda: im.js_distance(p, q), "anchor": lambda: jensenshannon(p, q, base=2)}


# ------------------------------------------------------------------------ nn
def _ce_workload(quick, dtype=np.float64):
    rng = np.random.default_rng(3)
    n, k = (512, 1000) if quick else (4096, 1000)
    return rng.normal(size=(n, k)).astype(dtype), rng.integers(0, k, size=n)


def _bare_fused_ce(z, y):
    """Compute the bare numpy softmax cross-entropy forward + backward."""
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


def _object_entropy(quick, count):
    """samples.entropy of object labels against the plug-in of ``count(labels)``."""
    from infomeasures import samples

    x = _object_labels(quick, 4)

    def anchor():
        return _plugin_nats(count(x))

    assert abs(samples.entropy(x, base=np.e) - anchor()) <= 1e-12
    return {"ours": lambda: samples.entropy(x, base=np.e), "anchor": anchor}


@row(
    "samples.entropy, 1e6 Python-string labels (object, 1,000 distinct)",
    "pd.factorize + np.bincount + plug-in",
    "<= 1",
    needs=("pandas",),
)
def _(quick):
    import pandas as pd

    return _object_entropy(quick, lambda x: np.bincount(pd.factorize(x)[0]))


@row(
    "samples.entropy, 1e6 Python-string labels (object, 1,000 distinct)",
    "pd.Series.value_counts + plug-in",
    "report (its counting is what we call)",
    needs=("pandas",),
)
def _(quick):
    import pandas as pd

    def count(x):
        return pd.Series(x, dtype=object, copy=False).value_counts(sort=False).to_numpy()

    return _object_entropy(quick, count)


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


@row("metrics.log_loss, 1e6 x 10 probabilities", "bare numpy -log(P[arange(n), y]).mean()", "<= 2")
def _(quick):
    from infomeasures.metrics import log_loss

    rng = np.random.default_rng(5)
    n = 10**5 if quick else 10**6
    proba, y = rng.dirichlet(np.ones(10), n), rng.integers(0, 10, n)
    rows = np.arange(n)

    def anchor():
        return -np.log(proba[rows, y]).mean()

    # Clipping at eps changes nothing for probabilities this far from 0 and 1.
    assert np.isclose(log_loss(y, proba), anchor(), rtol=1e-12, atol=0)
    return {"ours": lambda: log_loss(y, proba), "anchor": anchor}


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


@row(
    "CLI mi, 5e6-row CSV of two int columns",
    "pandas read_csv + factorize + bincount",
    "<= 1",
    needs=("pandas",),
)
def _(quick):
    import os
    import tempfile

    import pandas as pd
    from scipy.special import xlogy

    from infomeasures import samples
    from infomeasures.cli import read_columns

    n = 5 * 10**5 if quick else 5 * 10**6
    rng = np.random.default_rng(0)
    x = rng.integers(0, 100, n)
    y = (x + rng.integers(0, 20, n)) % 37
    fd, path = tempfile.mkstemp(suffix=".csv")
    with os.fdopen(fd, "w") as f:
        f.write("x,y\n")
        f.write("\n".join(np.char.add(np.char.add(x.astype(str), ","), y.astype(str)).tolist()))
        f.write("\n")
    del x, y

    def ours():
        return samples.mutual_information(read_columns(path, ["x", "y"])[0])

    def pandas_script():
        df = pd.read_csv(path)
        cx, ux = pd.factorize(df["x"])
        cy, uy = pd.factorize(df["y"])
        t = np.bincount(cx * len(uy) + cy, minlength=len(ux) * len(uy)).reshape(len(ux), -1)
        r, c = t.sum(1, keepdims=True), t.sum(0, keepdims=True)
        return float(xlogy(t, t * n / (r * c)).sum() / n / np.log(2))

    assert abs(ours() - pandas_script()) < 1e-12
    return {"ours": ours, "anchor": pandas_script}


# ------------------------------------------------------------------ continuous
# (k-nearest-neighbour and Gaussian estimators: rows are added here)
def _ksg_workload(quick):
    rng = np.random.default_rng(4)
    n = 10**4 if quick else 10**5
    x = rng.normal(size=n)
    return x, 0.6 * x + 0.8 * rng.normal(size=n)


def _ksg_floor(x, y, k=3):
    """Estimate KSG MI with what numpy and scipy allow.

    One max-norm k-th-neighbour query of a cKDTree and the marginal counts
    from one sort and searchsorted.
    """
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

    from infomeasures.metrics import mutual_info_classif

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
@row("nsb entropy, Zipf counts, 1e5 distinct, k=2e5", "plug-in on the same counts", "<= 20")
def _(quick):
    from infomeasures import samples

    rng = np.random.default_rng(13)
    k = 2 * 10**5
    p = 1.0 / np.arange(1, k + 1)
    draws = rng.choice(k, size=10**5 if quick else 7 * 10**5, p=p / p.sum())
    counts = np.bincount(draws, minlength=k)
    nsb = samples.entropy_from_counts(counts, estimator="nsb", k=k, base=np.e)
    plugin = samples.entropy_from_counts(counts, base=np.e)
    # Different estimators: check the NSB value is the plug-in's plus a small
    # undersampling correction (here about +3%), not a value from elsewhere.
    assert plugin < nsb < 1.1 * plugin, (nsb, plugin)
    return {
        "ours": lambda: samples.entropy_from_counts(counts, estimator="nsb", k=k),
        "anchor": lambda: samples.entropy_from_counts(counts),
    }


def _table_5x5(n):
    rng = np.random.default_rng(15)
    p = rng.dirichlet(np.ones(25))  # a dependent 5 x 5 joint distribution
    return rng.multinomial(n, p).reshape(5, 5)


@row(
    "MI permutation test, 5x5 table, 9,999 resamples",
    "9,999 calls of samples.mutual_information",
    "<= 0.1",  # ours / anchor is the time per resample / one call
)
def _(quick):
    from infomeasures import _resampling, samples

    table = _table_5x5(10**4)
    counts = samples.Counts.from_table(table)
    b = 999 if quick else 9999
    one = samples.mutual_information(counts, base=np.e)
    got = _resampling.table_test(table, _resampling.plugin_cmi, n_resamples=b, rng=0)
    assert abs(got.statistic - one) <= 1e-12 * one, (got.statistic, one)

    def loop():
        for _ in range(b):
            samples.mutual_information(counts, base=np.e)

    return {
        "ours": lambda: _resampling.table_test(
            table, _resampling.plugin_cmi, n_resamples=b, rng=0
        ),
        "anchor": loop,
    }


@row(
    "MI permutation test, 5x5 table, n=1e6",
    "the same test at n=1e4",
    "<= 3",  # the cost does not grow with n
)
def _(quick):
    from infomeasures import _resampling

    big, small = _table_5x5(10**6), _table_5x5(10**4)
    b = 999 if quick else 9999
    for t in (big, small):
        r = _resampling.table_test(t, _resampling.plugin_cmi, n_resamples=b, rng=0)
        assert r.null_distribution.shape == (b,)
    return {
        "ours": lambda: _resampling.table_test(big, _resampling.plugin_cmi, n_resamples=b, rng=0),
        "anchor": lambda: _resampling.table_test(
            small, _resampling.plugin_cmi, n_resamples=b, rng=0
        ),
    }


@row(
    "samples.mutual_information_test, 5x5 Counts, 9,999 resamples",
    "the engine: _resampling.table_test on the same table",
    "<= 1.1",  # the public function's overhead
)
def _(quick):
    from infomeasures import _resampling, samples

    table = _table_5x5(10**4)
    counts = samples.Counts.from_table(table)
    b = 999 if quick else 9999
    ours = samples.mutual_information_test(counts, n_resamples=b, rng=0, base=np.e)
    engine = _resampling.table_test(table, _resampling.plugin_cmi, n_resamples=b, rng=0)
    assert ours.pvalue == engine.pvalue, (ours.pvalue, engine.pvalue)
    assert abs(ours.statistic - engine.statistic) <= 1e-12 * engine.statistic
    return {
        "ours": lambda: samples.mutual_information_test(counts, n_resamples=b, rng=0),
        "anchor": lambda: _resampling.table_test(
            table, _resampling.plugin_cmi, n_resamples=b, rng=0
        ),
    }


@row(
    "ksg permutation test, n=2000, 999 resamples",
    "999 calls of samples.mutual_information(estimator='ksg')",
    "<= 1",  # ours / anchor is the time per resample / one call
)
def _(quick):
    from infomeasures import samples

    rng = np.random.default_rng(17)
    n = 500 if quick else 2000
    x = rng.normal(size=n)
    y = 0.3 * x + rng.normal(size=n)
    b = 99 if quick else 999
    one = samples.mutual_information(x, y, estimator="ksg")
    r = samples.mutual_information_test(x, y, estimator="ksg", n_resamples=b, rng=0)
    assert r.statistic == one and r.null_distribution.shape == (b,)

    def loop():
        for _ in range(b):
            samples.mutual_information(x, y, estimator="ksg")

    return {
        "ours": lambda: samples.mutual_information_test(
            x, y, estimator="ksg", n_resamples=b, rng=0
        ),
        "anchor": loop,
    }


# ---------------------------------------------------------------- multivariate
# (total correlation, O-information and friends: rows are added here)
@row(
    "TC + DTC + O-information, 6 vars x 10 cats",
    "dit 2.3 on an already-built Distribution",
    "<= 1/3",
    needs=("dit",),
)
def _(quick):
    import dit
    from dit.multivariate import dual_total_correlation, o_information, total_correlation

    import infomeasures as im

    k = 6 if quick else 10
    rng = np.random.default_rng(4)
    # a dependent table: a shared latent digit plus noise, so no value is ~0
    latent = rng.integers(0, k, 10**5)
    cols = [(latent + rng.integers(0, 3, latent.size)) % k for _ in range(6)]
    table = np.zeros((k,) * 6)
    np.add.at(table, tuple(cols), 1.0)
    table /= table.sum()
    d = dit.Distribution.from_ndarray(table)

    def ours():
        return (
            im.total_correlation(table),
            im.dual_total_correlation(table),
            im.o_information(table),
        )

    def anchor():
        return total_correlation(d), dual_total_correlation(d), o_information(d)

    assert np.allclose(ours(), anchor(), rtol=1e-9)
    return {"ours": ours, "anchor": anchor}


def _latent_columns(m, n, k=10, seed=4):
    """Draw m dependent columns of k labels: a shared latent digit plus noise in {0, 1, 2}."""
    rng = np.random.default_rng(seed)
    latent = rng.integers(0, k, n)
    return [(latent + rng.integers(0, 3, n)) % k for _ in range(m)]


def _ours_tc_dtc_o(columns):
    from infomeasures import samples

    c = samples.counts(*columns)  # counting is part of the time
    return (
        samples.total_correlation(c),
        samples.dual_total_correlation(c),
        samples.o_information(c),
    )


def _dit_tc_dtc_o(d):
    from dit.multivariate import dual_total_correlation, o_information, total_correlation

    return total_correlation(d), dual_total_correlation(d), o_information(d)


def _dit_from_outcomes(columns):
    import dit

    rows, counts = np.unique(np.column_stack(columns), axis=0, return_counts=True)
    return dit.Distribution([tuple(r) for r in rows.tolist()], counts / counts.sum())


@row(
    "samples TC + DTC + O, 6 vars x 10 cats, n=1e6",
    "dit 2.3 on an already-built Distribution",
    ">= 3x faster",
    needs=("dit",),
)
def _(quick):
    import dit

    cols = _latent_columns(6, 10**5 if quick else 10**6)
    table = np.zeros((10,) * 6)
    np.add.at(table, tuple(cols), 1.0)
    d = dit.Distribution.from_ndarray(table / table.sum())
    assert np.allclose(_ours_tc_dtc_o(cols), _dit_tc_dtc_o(d), rtol=1e-9)
    return {"ours": lambda: _ours_tc_dtc_o(cols), "anchor": lambda: _dit_tc_dtc_o(d)}


@row(
    "samples TC + DTC + O, 6 vars x 10 cats, n=1e6",
    "dit 2.3 building it from observed outcomes",
    "report",
    needs=("dit",),
)
def _(quick):
    cols = _latent_columns(6, 10**5 if quick else 10**6)
    assert np.allclose(_ours_tc_dtc_o(cols), _dit_tc_dtc_o(_dit_from_outcomes(cols)), rtol=1e-9)
    return {
        "ours": lambda: _ours_tc_dtc_o(cols),
        "anchor": lambda: _dit_tc_dtc_o(_dit_from_outcomes(cols)),
    }


def _numpy_sparse_o_information(columns, k=10):
    """O-information in bits: int64 row codes and np.unique per entropy."""
    from scipy.special import entr

    x = np.column_stack(columns).astype(np.int64)
    n, m = x.shape

    def h(group):
        code = x[:, group] @ (k ** np.arange(len(group), dtype=np.int64))
        return entr(np.unique(code, return_counts=True)[1] / n).sum()

    every = list(range(m))
    rest = (h([a for a in every if a != i]) for i in every)
    return ((m - 2) * h(every) + sum(h([i]) for i in every) - sum(rest)) / np.log(2)


@row(
    "samples O-information, 10 vars x 10 cats, n=1e6",
    "bare numpy sparse plug-in (np.unique)",
    "<= 1.5",
)
def _(quick):
    from infomeasures import samples

    cols = _latent_columns(10, 10**5 if quick else 10**6)
    ref = _numpy_sparse_o_information(cols)
    assert abs(samples.o_information(*cols) - ref) < 1e-9, ref
    return {
        "ours": lambda: samples.o_information(*cols),
        "anchor": lambda: _numpy_sparse_o_information(cols),
    }


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
    ap.add_argument(
        "--check",
        action="store_true",
        help="exit 1 when a ratio misses its target ('report' rows never fail); by hand, not CI",
    )
    ap.add_argument(
        "--skip",
        action="append",
        default=[],
        metavar="TEXT",
        help="leave out rows whose name contains TEXT (repeatable)",
    )
    ap.add_argument(
        "--json",
        metavar="PATH",
        help="also write every measured row and the machine and versions to PATH",
    )
    args = ap.parse_args(argv)

    missed, results, skipped = [], [], []
    areas, where = _areas(), machine()
    print(f"{'benchmark':<44} {'anchor':<40} {'ours':>10} {'anchor':>10} {'ratio':>7}  target")
    for r in ROWS:
        if args.filter not in r.name:
            continue
        left_out = [s for s in args.skip if s in r.name]
        missing = [m for m in r.needs if not _available(m)]
        if left_out or missing:
            why = "left out with --skip" if left_out else f"{', '.join(missing)} not installed"
            print(f"{r.name:<44} {r.anchor_name:<40} skipped: {why}")
            skipped.append({"name": r.name, "anchor": r.anchor_name, "reason": why})
            continue
        w = r.setup(args.quick)
        ours, anchor = best_time(w["ours"]), best_time(w["anchor"])
        ratio = ours / anchor
        met = target_met(r.target, ratio)
        mark = "" if met is None else ("  ok" if met else "  MISSED")
        print(
            f"{r.name:<44} {r.anchor_name:<40} {_fmt(ours):>10} {_fmt(anchor):>10} "
            f"{ratio:7.3f}  {r.target}{mark if args.check else ''}",
            flush=True,
        )
        results.append(
            {
                "name": r.name,
                "area": areas(r.setup),
                "anchor": r.anchor_name,
                "size": workload_size(r.name),
                "ours_s": ours,
                "anchor_s": anchor,
                "ratio": ratio,
                "target": r.target,
                "target_ratio": None if (b := target_bound(r.target)) is None else b[1],
                "target_met": met,
            }
        )
        if met is False:
            missed.append(f"{r.name} vs {r.anchor_name}: ratio {ratio:.3f}, target {r.target}")
    if args.json:
        report = {"machine": where, "quick": args.quick, "rows": results, "skipped": skipped}
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(report, f, indent=1)
            f.write("\n")
    if args.check and missed:
        print(f"\n{len(missed)} row(s) missed their target:", *missed, sep="\n  ", file=sys.stderr)
        return 1
    return 0


def machine() -> dict:
    """Where and with what the rows were timed: a ratio means little without it."""
    import scipy

    try:
        import sklearn

        sklearn_version = sklearn.__version__
    except ImportError:
        sklearn_version = None
    import infomeasures

    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            cpu = next(
                (ln.split(":", 1)[1].strip() for ln in f if ln.startswith("model name")), cpu
            )
    except OSError:
        pass
    return {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d"),
        "platform": platform.platform(),
        "cpu": cpu,
        "cores": os.cpu_count(),
        # a shared machine: the load when the run started says how noisy it was
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(),
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "scikit-learn": sklearn_version,
        "infomeasures": infomeasures.__version__,
    }


def _areas():
    """Map a row's setup function to its section of this file.

    The sections (distributions, nn, samples, ...) are read from the
    ``# ---- area`` headings above it.
    """
    here = Path(__file__).resolve()
    headings = [
        (i, m[1])
        for i, line in enumerate(here.read_text(encoding="utf-8").splitlines(), 1)
        if (m := re.fullmatch(r"# -{8,} (\w+)", line))
    ]

    def area(setup):
        line = setup.__code__.co_firstlineno
        return max(((i, a) for i, a in headings if i < line), default=(0, "other"))[1]

    return area


_SIZE = re.compile(r"\bn\s*=\s*([0-9.]+e\+?[0-9]+)|\b([0-9.]+e\+?[0-9]+)\b")


def workload_size(name: str) -> float | None:
    """Return the workload's size as its row names it.

    ``n=1e5``, else the first number written as a power of ten (``1e7``);
    None when the name holds none.

    >>> workload_size("ksg MI, 1-D x, y, n=1e5"), workload_size("AMI, n=1e+06, 1000x1000")
    (100000.0, 1000000.0)
    >>> workload_size("entropy, 1e7 vector"), workload_size("entropy, 4-element list")
    (10000000.0, None)
    """
    m = _SIZE.search(name)
    return None if m is None else float(m[1] or m[2])


_COMPARE = {"<=": operator.le, "<": operator.lt, ">=": operator.ge, ">": operator.gt}
_NUMBER = r"[0-9][0-9.]*(?:[eE][+-]?[0-9]+)?"
_TARGET = re.compile(
    rf"\s*(?P<op><=|<|>=|>)\s*(?P<num>{_NUMBER})(?:\s*/\s*(?P<den>{_NUMBER}))?"
    rf"\s*(?P<faster>x\s+faster)?(?:\s*=\s*{_NUMBER})?\s*(?:\(.*\)\s*)?"
)


def target_bound(target: str) -> tuple[str, float] | None:
    """Return a row's target as a comparison and a bound on ``ratio = ours / anchor``.

    None for "report" rows.

    Targets read ``<= 1.3``, ``< 1``, ``<= 1/50 = 0.02`` (the fraction is used,
    the rounded value after ``=`` is for the reader) or ``>= 3x faster``,
    which means the anchor takes at least 3 times as long: ratio <= 1/3.  A
    note in parentheses after the bound is for the reader.

    >>> target_bound("<= 1/50 = 0.02"), target_bound(">= 4x faster"), target_bound("report")
    (('<=', 0.02), ('<=', 0.25), None)
    >>> target_bound("<= 3 (cost independent of n)")
    ('<=', 3.0)
    """
    if target.strip().startswith("report"):
        return None
    m = _TARGET.fullmatch(target)
    if m is None:
        raise ValueError(f"cannot read the benchmark target {target!r}")
    bound = float(m["num"]) / float(m["den"] or 1)
    if m["faster"]:  # "anchor time / our time >= bound" is "ratio <= 1 / bound"
        return {"<=": ">=", "<": ">", ">=": "<=", ">": "<"}[m["op"]], 1.0 / bound
    return m["op"], bound


def target_met(target: str, ratio: float) -> bool | None:
    """Whether ``ratio = ours / anchor`` meets a row's target; None for "report" rows.

    >>> target_met("<= 1.3", 1.2), target_met("< 1", 1.0), target_met("report", 9.0)
    (True, False, None)
    >>> target_met(">= 3x faster", 0.3), target_met(">= 3x faster", 0.4)
    (True, False)
    >>> target_met("<= 1/1.3 = 0.77", 0.7692)
    True
    """
    bound = target_bound(target)
    return None if bound is None else _COMPARE[bound[0]](ratio, bound[1])


def _fmt(seconds):
    for unit, f in (("s", 1), ("ms", 1e3), ("us", 1e6)):
        if seconds * f >= 1:
            return f"{seconds * f:.3g} {unit}"
    return f"{seconds * 1e9:.3g} ns"


if __name__ == "__main__":
    sys.exit(main())
