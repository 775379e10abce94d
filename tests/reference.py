"""Independent reference values (mpmath, 50 digits) and the shared ulp assertion.

These evaluate the textbook formulas on the exact binary values of the
float64 inputs, so they share no code with infomeasures.  Each reference
scopes its own precision (``mp.workdps``): importing this module changes no
global mpmath state, so other tests keep mpmath's fast default.
"""

import functools

import mpmath as mp
import numpy as np

EPS = np.finfo(float).eps
DIGITS = 50


def assert_ulps(actual, expected, ulps=8):
    """|actual - expected| <= ulps * eps * |expected|, elementwise.

    Zeros and infinities of `expected` must be matched exactly, and `actual`
    must hold no NaN: an accurate value or the true 0 or inf.
    """
    actual = np.asarray(actual, dtype=float)
    expected = np.asarray(expected, dtype=float)
    assert not np.isnan(actual).any()
    special = ~np.isfinite(expected) | (expected == 0)
    np.testing.assert_array_equal(actual[special], expected[special])
    err = np.abs(actual - expected)
    np.testing.assert_array_less(err[~special], ulps * EPS * np.abs(expected[~special]) + 1e-300)


def _at_50_digits(f):
    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        with mp.workdps(DIGITS):
            return f(*args, **kwargs)

    return wrapper


def _m(x):
    return [mp.mpf(float(v)) for v in np.ravel(x)]


def _xlogy(x, y):
    return mp.mpf(0) if x == 0 else x * mp.log(y)


@_at_50_digits
def entropy(p, base=2):
    return float(-mp.fsum(_xlogy(x, x) for x in _m(p)) / mp.log(base))


@_at_50_digits
def cross_entropy(p, q, base=2):
    terms = []
    for x, y in zip(_m(p), _m(q), strict=False):
        if x == 0:
            continue
        if y == 0:
            return float("inf")
        terms.append(-x * mp.log(y))
    return float(mp.fsum(terms) / mp.log(base))


@_at_50_digits
def kl(p, q, base=2):
    """Return sum p log(p/q) - p + q: D(P||Q) for normalised inputs (see kl_divergence)."""
    terms = []
    for x, y in zip(_m(p), _m(q), strict=False):
        if x == 0:
            terms.append(y)
        elif y == 0:
            return float("inf")
        else:
            terms.append(x * mp.log(x / y) - x + y)
    return float(mp.fsum(terms) / mp.log(base))


@_at_50_digits
def js(p, q, base=2):
    terms = []
    for x, y in zip(_m(p), _m(q), strict=False):
        s = x + y
        if x:
            terms.append(x * mp.log(2 * x / s))
        if y:
            terms.append(y * mp.log(2 * y / s))
    return float(mp.fsum(terms) / 2 / mp.log(base))


@_at_50_digits
def binary_entropy(p, base=2):
    x = mp.mpf(float(p))
    # log1p: at 50 digits 1 - 1e-300 would round to 1
    tail = mp.mpf(0) if x == 1 else -(1 - x) * mp.log1p(-x)
    return float((-_xlogy(x, x) + tail) / mp.log(base))


@_at_50_digits
def mutual_information(pxy, base=2):
    pxy = np.asarray(pxy, dtype=float)
    rows = [[mp.mpf(float(v)) for v in r] for r in pxy]
    px = [mp.fsum(r) for r in rows]
    py = [mp.fsum(c) for c in zip(*rows, strict=False)]
    # The documented form: sum p log(p/q) - p + q with q = p(x) p(y); it is
    # I(X;Y) for a table summing to 1 and stays exact when rounding of the
    # entries leaves the sum a hair off 1.
    terms = [
        (rows[i][j] * mp.log(rows[i][j] / (px[i] * py[j])) if rows[i][j] else 0)
        - rows[i][j]
        + px[i] * py[j]
        for i in range(len(rows))
        for j in range(len(py))
    ]
    return float(mp.fsum(terms) / mp.log(base))


@_at_50_digits
def conditional_entropy(pxy, base=2):
    pxy = np.asarray(pxy, dtype=float)
    rows = [[mp.mpf(float(v)) for v in r] for r in pxy]
    py = [mp.fsum(c) for c in zip(*rows, strict=False)]
    terms = [
        -rows[i][j] * mp.log(rows[i][j] / py[j])
        for i in range(len(rows))
        for j in range(len(py))
        if rows[i][j]
    ]
    return float(mp.fsum(terms) / mp.log(base))


@_at_50_digits
def conditional_mutual_information(pxyz, base=2):
    p = np.asarray(pxyz, dtype=float)
    kx, ky, kz = p.shape
    m = {
        (i, j, k): mp.mpf(float(p[i, j, k]))
        for i in range(kx)
        for j in range(ky)
        for k in range(kz)
    }
    pxz = {(i, k): mp.fsum(m[i, j, k] for j in range(ky)) for i in range(kx) for k in range(kz)}
    pyz = {(j, k): mp.fsum(m[i, j, k] for i in range(kx)) for j in range(ky) for k in range(kz)}
    pz = {k: mp.fsum(pxz[i, k] for i in range(kx)) for k in range(kz)}
    # The documented form, as for mutual_information: q = p(x,z) p(y,z) / p(z).
    terms = [
        (v * mp.log(pz[k] * v / (pxz[i, k] * pyz[j, k])) if v else 0)
        - v
        + (pxz[i, k] * pyz[j, k] / pz[k] if pz[k] else 0)
        for (i, j, k), v in m.items()
    ]
    return float(mp.fsum(terms) / mp.log(base))
