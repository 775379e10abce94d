"""Entropy estimators on count vectors, one private kernel each.

Every kernel takes a float64 array of non-negative counts (zeros allowed),
the total ``n > 0`` and the alphabet size ``k`` (at least the number of
observed categories), and returns the entropy estimate in nats: a float for
one count vector of shape (K,), an array of shape (...) for a batch of shape
(..., K) with n and k scalars or arrays of shape (...) (the resampling tests
evaluate thousands of tables in one call; NSB integrates one posterior per
row in turn).  Zeros in
the counts carry no information of their own: the k - m categories not
observed (m the non-zero counts) are the unseen ones, whether or not they
appear as zeros, so a dense table and its sparse non-zero entries give the
same estimate and k may exceed memory (James-Stein, NSB).  `ESTIMATORS`
maps the public names to the kernels.
"""

from __future__ import annotations

import math

import numpy as np
from scipy import special


def _rows(n, k=None):
    """Totals (and alphabet sizes) as columns that broadcast against counts (..., K)."""
    n = np.asarray(n, dtype=np.float64)[..., None]
    return n if k is None else (n, np.asarray(k, dtype=np.float64)[..., None])


def _out(h):
    """Return a Python float for one count vector, an array for a batch."""
    return float(h) if np.ndim(h) == 0 else h


def plugin(counts: np.ndarray, n, k) -> float | np.ndarray:
    r"""Plug-in (maximum-likelihood) estimate.

    .. math:: \hat H = -\sum_i \hat p_i \log \hat p_i, \qquad \hat p_i = n_i / n

    Bias: negative, :math:`-(m-1)/(2n) + O(n^{-2})` with m the categories of
    non-zero probability; it underestimates until n is much larger than m.
    """
    nn = _rows(n)
    p = counts / nn
    terms = special.entr(p)
    # A cell holding most observations (at most one per row): -p log p as
    # p log1p((n - c) / c), n - c exact for integer counts, so a cell holding
    # nearly all of them keeps its small term (entr rounds p first: counts
    # [1e15, 1] lost 5 digits).
    big = counts > 0.5 * nn  # not counts + counts, which int64 near 2**62 overflows
    if big.any():
        c, rest = counts[big], np.broadcast_to(nn, counts.shape)[big] - counts[big]
        terms[big] = p[big] * np.log1p(rest / c)
    return _out(np.add.reduce(terms, axis=-1))


def miller_madow(counts: np.ndarray, n, k) -> float | np.ndarray:
    r"""Miller-Madow estimate: the plug-in with its first-order bias removed.

    .. math:: \hat H_{MM} = \hat H_{plugin} + \frac{m - 1}{2n}

    with m the number of observed categories.  Bias :math:`O(n^{-2})` when
    every category is seen; still negative when many are unseen.

    Miller, G. A. (1955). Note on the bias of information estimates.
    *Information Theory in Psychology*, 95-100.
    """
    m = np.count_nonzero(counts, axis=-1)
    return _out(plugin(counts, n, k) + (m - 1) / (2.0 * np.asarray(n, dtype=np.float64)))


def chao_shen(counts: np.ndarray, n, k) -> float | np.ndarray:
    r"""Chao-Shen estimate: coverage-adjusted Horvitz-Thompson.

    .. math:: \hat H_{CS} = -\sum_i \frac{\tilde p_i \log \tilde p_i}
              {1 - (1 - \tilde p_i)^n}, \qquad
              \tilde p_i = \hat C \hat p_i, \quad \hat C = 1 - f_1 / n

    with :math:`f_1` the number of singletons (set to n - 1 when every
    observation is a singleton).  The coverage :math:`\hat C` accounts for
    unseen categories and the denominator is the inclusion probability of
    category i.  Nearly unbiased when unseen categories carry probability;
    bias decays faster than :math:`O(1/n)` but without a closed order.

    Chao, A. & Shen, T.-J. (2003). Nonparametric estimation of Shannon's index
    of diversity when there are unseen species in sample. *Environmental and
    Ecological Statistics* 10, 429-443.
    """
    nn = _rows(n)
    f1 = np.count_nonzero(counts == 1, axis=-1, keepdims=True).astype(np.float64)
    # every observation a singleton: keep the coverage positive
    f1 = np.where(f1 == nn, nn - 1.0, f1)
    pa = (1.0 - f1 / nn) * (counts / nn)
    # 1 - (1 - pa)^n: the probability of seeing each category at least once;
    # pa = 1 (one category, no singletons) gives log1p(-1) = -inf and seen = 1.
    with np.errstate(divide="ignore"):
        seen = -np.expm1(nn * np.log1p(-pa))
    terms = np.divide(special.entr(pa), seen, out=np.zeros(pa.shape), where=counts > 0)
    return _out(np.add.reduce(terms, axis=-1))


def grassberger(counts: np.ndarray, n, k) -> float | np.ndarray:
    r"""Grassberger estimate, with the digamma-based G(n) of his eq. (35).

    .. math:: \hat H_G = \log n - \frac1n \sum_i n_i G(n_i), \qquad
              G(n) = \psi(n) + \tfrac12 (-1)^n
              \left[\psi\left(\tfrac{n+1}{2}\right) - \psi\left(\tfrac n2\right)\right]

    Bias smaller than Miller-Madow's for every n; it vanishes faster than any
    power of 1/n for fixed probabilities but remains for unseen categories.

    Grassberger, P. (2003). Entropy estimates from insufficient samplings.
    arXiv:physics/0307138.
    """
    c = np.where(counts > 0, counts, 1.0)  # zero counts add 0 * G(0): skip psi(0)
    sign = np.where(np.mod(c, 2) == 0, 1.0, -1.0)
    g = special.digamma(c) + 0.5 * sign * (special.digamma((c + 1) / 2) - special.digamma(c / 2))
    n = np.asarray(n, dtype=np.float64)
    return _out(np.log(n) - np.add.reduce(counts * g, axis=-1) / n)


def james_stein(counts: np.ndarray, n, k) -> float | np.ndarray:
    r"""James-Stein shrinkage estimate: the plug-in entropy of shrunk frequencies.

    .. math:: \hat p_i^{S} = \lambda \frac1k + (1 - \lambda) \hat p_i, \qquad
              \lambda = \frac{1 - \sum_i \hat p_i^2}
              {(n - 1) \sum_i (1/k - \hat p_i)^2}

    clipped to [0, 1], over all k categories of the alphabet.  The k - m
    unseen categories (m the non-zero counts; zeros in `counts` are ignored)
    all shrink to :math:`\lambda / k`, so their terms are summed in closed
    form and k may be far larger than memory (k = 10**12).  Biased toward
    log k by design, trading bias for a much smaller mean squared error when
    n is small relative to k.

    Hausser, J. & Strimmer, K. (2009). Entropy inference and the James-Stein
    estimator. *Journal of Machine Learning Research* 10, 1469-1484.
    """
    nn, kk = _rows(n, k)
    seen = counts > 0
    unseen = kk - np.count_nonzero(seen, axis=-1, keepdims=True)
    ml = counts / nn
    target = 1.0 / kk
    sq_dev = np.add.reduce(np.where(seen, (target - ml) ** 2, 0.0), axis=-1, keepdims=True)
    denom = (nn - 1.0) * (sq_dev + unseen * target**2)
    spread = 1.0 - np.add.reduce(ml**2, axis=-1, keepdims=True)
    lam = np.divide(spread, denom, out=np.ones(denom.shape), where=denom != 0)
    lam = np.clip(lam, 0.0, 1.0)
    shrunk = lam * target + (1.0 - lam) * ml
    h_seen = np.add.reduce(np.where(seen, special.entr(shrunk), 0.0), axis=-1, keepdims=True)
    return _out((h_seen + unseen * special.entr(lam * target))[..., 0])


# Above this argument ln Gamma and trigamma differences are taken from their
# asymptotic series, where the direct difference of two large values would cancel.
_ASYMPTOTIC = 100.0


def _stirling_remainder(x):
    """Return ln Gamma(x) - [(x - 1/2) ln x - x + ln(2 pi)/2], for x >= _ASYMPTOTIC.

    Abramowitz & Stegun 6.1.40; the truncation error is below 1e-22 there.
    """
    r = 1.0 / (x * x)
    return (1.0 / 12.0 - r * (1.0 / 360.0 - r * (1.0 / 1260.0 - r / 1680.0))) / x


def _stirling_rising(a, m):
    """Return ln Gamma(a + m) - ln Gamma(a), a >= _ASYMPTOTIC, m >= 0, by Stirling's series."""
    return (
        (a - 0.5) * np.log1p(m / a)
        + m * np.log(a + m)
        - m
        + _stirling_remainder(a + m)
        - _stirling_remainder(a)
    )


def _log_inv_beta(a, m):
    """Return ln Gamma(a + m) - ln Gamma(a) - ln Gamma(m) = -ln B(a, m), for a, m > 0.

    ``special.betaln`` loses up to 1e-10 relative (thousands in absolute
    terms) when both arguments are ~1e12 or more.  Here a large argument
    goes through Stirling's series of ln Gamma(hi + lo) - ln Gamma(hi), so the
    result keeps its digits for counts ~ 1e15 and any a; below
    ``_ASYMPTOTIC`` the three log-gammas are small and are used directly.
    """
    lo, hi = np.broadcast_arrays(np.minimum(a, m), np.maximum(a, m))
    big = hi >= _ASYMPTOTIC
    out = np.empty(lo.shape)
    out[big] = _stirling_rising(hi[big], lo[big]) - special.gammaln(lo[big])
    small = ~big
    lo, hi = lo[small], hi[small]  # both below _ASYMPTOTIC: no cancellation
    out[small] = special.gammaln(lo + hi) - special.gammaln(lo) - special.gammaln(hi)
    return out


def _trigamma_tail(x):
    """psi1(x + 1) - 1/x for x >= _ASYMPTOTIC (A&S 6.4.12 with psi1(x+1) = psi1(x) - 1/x^2)."""
    r = 1.0 / (x * x)
    return r * (-0.5 + (1.0 / 6.0 - r * (1.0 / 30.0 - r * (1.0 / 42.0 - r / 30.0))) / x)


def _log_nsb_prior(beta, k):
    """ln(beta dxi/dbeta), xi(beta) = psi(k beta + 1) - psi(beta + 1), the NSB prior in ln beta.

    For large beta, k psi1(k beta + 1) and psi1(beta + 1) both approach
    1/beta; their difference (about (1 - 1/k)/(2 beta^2)) is taken from the
    asymptotic series, where the 1/beta terms cancel exactly.
    """
    big = beta >= _ASYMPTOTIC
    bb = np.where(big, beta, _ASYMPTOTIC)
    tail = k * _trigamma_tail(k * bb) - _trigamma_tail(bb)
    bs = np.where(big, 1.0, beta)
    direct = k * special.polygamma(1, k * bs + 1.0) - special.polygamma(1, bs + 1.0)
    return np.log(np.where(big, tail, direct) * beta)


# Relative accuracy of the NSB integrals (as a logarithm, for tanhsinh(log=True)):
# far below the estimator's own sampling error.  tanhsinh's error estimate is
# conservative (one level more typically gives 1e-16), and 1e-9 rather than
# the default eps**0.75 halves the evaluations on large alphabets.
_LOG_RTOL = math.log(1e-9)


def nsb(counts: np.ndarray, n: float, k: int) -> float:
    r"""NSB estimate: the posterior mean of H under a mixture of Dirichlet priors.

    .. math:: \hat H_{NSB} = \frac{\int E[H \mid n, \beta]\, P(n \mid \beta)\,
              \frac{d\xi}{d\beta}\, d\beta}{\int P(n \mid \beta)\,
              \frac{d\xi}{d\beta}\, d\beta}, \qquad
              \xi(\beta) = \psi(k\beta + 1) - \psi(\beta + 1)

    The prior over the Dirichlet concentration beta makes the prior on H
    nearly flat; :math:`E[H \mid n, \beta]` is Wolpert and Wolf's posterior
    mean.  Depends on the alphabet size k (zeros in `counts` are ignored;
    k - m categories are unseen).  Small bias even for n of the order of
    sqrt(k) (no closed order).

    Both integrals run over the whole line in t = ln beta (no truncation):
    the integrand behaves as :math:`\beta^m` as beta -> 0 and as
    :math:`1/\beta` as beta -> infinity, so the tails are proper.  They are
    evaluated in logarithms with ``scipy.integrate.tanhsinh``, split at the
    posterior's mode and scaled by its width.  The counts enter only through
    their count-of-counts, so the cost grows with the number of distinct
    count values, not with k or with the number of categories.

    Nemenman, I., Shafee, F. & Bialek, W. (2002). Entropy and inference,
    revisited. *Advances in Neural Information Processing Systems* 14.
    """
    if np.ndim(counts) > 1:  # a batch: one posterior per row, integrated in turn
        ns, ks = np.broadcast_arrays(n, k)
        rows = counts.reshape(-1, counts.shape[-1])
        flat = zip(rows, ns.ravel(), ks.ravel(), strict=True)
        return np.array([nsb(c, nn, int(kk)) for c, nn, kk in flat]).reshape(counts.shape[:-1])
    if k == 1:  # one possible outcome: H = 0, and the NSB prior degenerates
        return 0.0
    values, mult = _count_of_counts(counts)
    unseen = k - np.add.reduce(mult)

    def log_weight_rows(t):  # ln[P(n | beta) beta xi'(beta)] + const, elementwise in t
        beta = np.exp(t)
        # ln P(n | beta) = sum_i ln[Gamma(n_i + beta)/Gamma(beta)] - ln[Gamma(n + k beta)/
        # Gamma(k beta)] (Dirichlet-multinomial evidence), less the constant
        # sum_i ln Gamma(n_i) - ln Gamma(n): adding ln Gamma(1e15) ~ 3e16 would
        # round away the dependence on beta.
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            log_ev = np.add.reduce(
                mult * _log_inv_beta(beta[..., None], values), axis=-1
            ) - _log_inv_beta(k * beta, n)
            out = log_ev + _log_nsb_prior(beta, k)
        # beta underflowing to 0 or overflowing to inf: the integrand's limit
        # there is 0 (beta^m and 1/beta tails), not the NaN of inf - inf.
        return np.where(np.isfinite(out), out, -np.inf)

    def mean_h_rows(t):  # Wolpert-Wolf E[H | n, beta]
        beta = np.exp(t)[..., None]
        total = n + k * beta[..., 0]
        seen = np.add.reduce(mult * (values + beta) * special.digamma(values + beta + 1), axis=-1)
        b = beta[..., 0]
        return special.digamma(total + 1) - (seen + unseen * b * special.digamma(b + 1)) / total

    def log_weight(t):
        return _in_chunks(log_weight_rows, t, values.size)

    def mean_h(t):
        return _in_chunks(mean_h_rows, t, values.size)

    mode, width = _mode_and_width(log_weight, math.log(k), math.log(n))

    def integrand(s, numerator):
        # Numerator and denominator share their abscissae: weigh each once.
        t, where = np.unique(mode + width * s, return_inverse=True)
        lw = log_weight(t)
        lh = np.full(t.shape, -np.inf)
        live = np.isfinite(lw)  # E[H | beta] is not needed where the weight is 0
        with np.errstate(divide="ignore"):
            lh[live] = np.log(mean_h(t[live]))
        return lw[where] + np.where(numerator, lh[where], 0.0)

    # Imported here: scipy.integrate costs the command line a third of a
    # second at start-up, and only NSB needs it.
    from scipy import integrate

    res = integrate.tanhsinh(
        integrand,
        np.array([-np.inf, 0.0]),
        np.array([0.0, np.inf]),
        args=(np.array([[True], [False]]),),
        log=True,
        rtol=_LOG_RTOL,
    )
    log_num, log_den = special.logsumexp(res.integral.real, axis=-1)
    return float(math.exp(log_num - log_den))


def _in_chunks(f, t, width: int, elements: int = 2**21):
    """f(t) for an elementwise f whose work per element of t is an array of `width`.

    Evaluated on pieces of t so that temporaries stay near `elements`
    entries whatever the number of distinct counts.
    """
    t = np.asarray(t, dtype=np.float64)
    flat = t.ravel()
    step = max(1, elements // max(width, 1))
    if flat.size <= step:
        return f(t)
    return np.concatenate([f(flat[i : i + step]) for i in range(0, flat.size, step)]).reshape(
        t.shape
    )


def _count_of_counts(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct non-zero count values and how many categories have each."""
    c = counts[counts > 0]
    values, mult = np.unique(c, return_counts=True)
    return values, mult.astype(np.float64)


def _mode_and_width(log_weight, log_k: float, log_n: float) -> tuple[float, float]:
    """Mode of the NSB posterior in t = ln beta, and a width to scale the quadrature by.

    A coarse grid wide enough to hold the mode (beta from far below 1/(k n)
    to far above n), then Brent's method inside the best grid cell; the
    width comes from the curvature there, capped at the grid step.
    """
    step = 0.5
    grid = np.arange(-log_k - log_n - 40.0, log_n + 40.0 + step, step)
    i = int(np.argmax(log_weight(grid)))
    from scipy import optimize  # only NSB needs it: see the integrate import above

    best = optimize.minimize_scalar(
        lambda t: -float(log_weight(np.float64(t))),
        bounds=(grid[i] - step, grid[i] + step),
        method="bounded",
        options={"xatol": 1e-8},
    )
    mode = float(best.x)
    h = 1e-3
    lw = log_weight(np.array([mode - h, mode, mode + h]))
    curvature = -(lw[0] - 2.0 * lw[1] + lw[2]) / (h * h)
    width = step if not curvature > 1.0 / step**2 else 1.0 / math.sqrt(curvature)
    return mode, width


ESTIMATORS = {
    "plugin": plugin,
    "miller-madow": miller_madow,
    "chao-shen": chao_shen,
    "grassberger": grassberger,
    "james-stein": james_stein,
    "nsb": nsb,
}


# ---- plug-in kernels on exact integer tables
#
# They take the observed cells of a table as parallel integer arrays (int64,
# or Python ints in object arrays), one entry per cell, so the same kernel
# serves a dense table (its non-zero cells) and the sparse observed outcomes
# of many variables.  Integer products are exact while every count is at most
# _PRODUCT_SAFE = 2**31 - 1 (then a + b for products a, b fits int64); larger
# counts are widened to Python ints.

_PRODUCT_SAFE = math.isqrt(2**62 - 1)

# Cells per block of the float kernels below: a few arrays of them stay in cache.
_BLOCK = 1 << 15
_TINY = 2.0**-1022  # the smallest normal double


def _exact_cells(*arrays) -> list[np.ndarray]:
    """Return the arrays, as Python ints if a product of two entries may overflow int64."""
    if all(a.dtype != object for a in arrays) and all(
        int(a.max(initial=0)) <= _PRODUCT_SAFE for a in arrays
    ):
        return list(arrays)
    return [a.astype(object) for a in arrays]


# Exact integer cells past this are scaled down before they become floats: a
# sum of 2**27 cells (the table limit) of terms near it stays far from 1.8e308.
_FLOAT_SAFE = 2**960


def _scale_for(*arrays) -> int:
    """Return a power of two S bringing the exact integers of `arrays` below _FLOAT_SAFE."""
    if all(a.dtype != object for a in arrays):
        return 1
    top = max(int(abs(a).max(initial=0)) for a in arrays)
    return 1 << max(top.bit_length() - _FLOAT_SAFE.bit_length(), 0)


def _floats(a: np.ndarray, scale: int) -> np.ndarray:
    """Return ``a / scale`` as float64, each entry correctly rounded (Python's int / int)."""
    if scale == 1:
        return a.astype(np.float64)
    return (a.astype(object) / scale).astype(np.float64)


def _ratios(scale: int, den: np.ndarray) -> np.ndarray:
    """Return scale / den for positive exact integers, each correctly rounded."""
    return (scale / den.astype(object)).astype(np.float64)


def _log_ratio_of_ints(a: int, b: int) -> float:
    """log(a / b) of exact integers of any size, a >= 0, b >= 0."""
    if a == 0:
        return 0.0  # 0 log 0 = 0: the term is 0 whatever the log
    if b == 0:
        return math.inf
    try:
        return math.log(a / b)  # int / int is correctly rounded
    except (OverflowError, ValueError):  # a ratio past the float range, or below it
        # |log| > 709 here, so the difference of the two logs loses nothing that matters
        return math.log(a) - math.log(b)


_log_ratios = np.frompyfunc(_log_ratio_of_ints, 2, 1)


def _divergence_sums(m, d, group=None, size: int = 1, bound=None) -> tuple[np.ndarray, int]:
    r"""Per group, the sums of m log(m/d) - m + d >= 0 over all cells, for exact integers.

    `m`, `d` hold the cells with m > 0 (others, with m = 0, may be left out)
    of groups in which :math:`\sum m = \sum d` over all cells; `group` (codes
    in [0, size), default one group) says which group a cell belongs to.

    Where m and d are close, each term comes from the series in
    t = (d - m) / (d + m), with the difference taken exactly in integers, so
    nearly independent tables lose nothing to cancellation.  Elsewhere only
    m log(m/d) is evaluated in floating point.  The -m + d parts of those far
    cells, including the left-out ones (m = 0), sum to
    :math:`\sum_{near} (m - d)` because the group's m and d have equal totals:
    an exact integer, so that, e.g., a perfectly dependent table gives exactly
    log 2 rather than log 2 plus rounding.

    Returns the sums divided by a power of two S, and S: 1 unless the cells
    are Python ints past 2**960, which would overflow as floats (every term
    scales with the cells, so the sums are those of the cells divided by S).

    With one group and a `bound` below 2**52 on every m and d, the same sums
    are taken on floats, which hold these integers exactly, a block at a time
    in cache (`_residual_sums`): 2-3x faster, with the same terms.
    """
    # Imported here: the top of this module belongs to the count estimators.
    from ._measures import _kl_series

    if group is None and bound is not None and bound < 2**52 and m.dtype != object:
        mf, df = m.astype(np.float64), d.astype(np.float64)
        return np.array([_residual_sums(lambda s: (mf[s], df[s]), m.size, _BLOCK)]), 1

    r = m - d  # exact: int64 or Python ints
    total = m + d
    scale = _scale_for(total)
    rf, sf = _floats(r, scale), _floats(total, scale)
    near = np.flatnonzero(np.abs(rf) * 3.0 < sf)
    if scale == 1:
        mf = m.astype(np.float64)  # m > 0 in every cell given
        with np.errstate(divide="ignore"):  # d = 0 < m: the true inf
            # numpy's SIMD log: 4x faster than scipy's rel_entr, same formula
            terms = mf * np.log(mf / d.astype(np.float64))
    else:  # d / S may underflow beside m / S: the log comes from the exact integers
        terms = _floats(m, scale) * _log_ratios(m, d).astype(np.float64)
    terms[near] = _kl_series(sf[near], -rf[near] / sf[near])
    if group is None:
        residual = np.add.reduce(r[near], dtype=r.dtype)
        return np.array(
            [float(np.add.reduce(terms)) + _floats(np.array([residual]), scale)[0]]
        ), scale
    residual = np.zeros(size, dtype=r.dtype)  # object: Python int 0s
    np.add.at(residual, group[near], r[near])
    return np.bincount(group, weights=terms, minlength=size) + _floats(residual, scale), scale


def _plugin_cmi_nats(nxyz, nxz, nyz, zcode=None, nz=None) -> float:
    r"""Plug-in I(X; Y | Z) from the observed cells (x, y, z), from exact residuals.

    .. math:: I = \frac1N \sum_z \frac{1}{n_z} \sum_{x,y}
              \left[m \log\frac{m}{d} - m + d\right],\quad
              m = n_z n_{xyz},\ d = n_{xz} n_{yz},

    every term non-negative.  `nxyz`, `nxz`, `nyz` are per cell, `zcode` the
    cell's z, `nz` the totals per z.  Mutual information is the case of one z
    (``zcode=None``; `nz` defaults to the total).
    """
    if nz is None:
        nz = np.array([int(np.add.reduce(nxyz))])
    nxyz, nxz, nyz, nz = _exact_cells(nxyz, nxz, nyz, nz)
    m = (nz[0] if zcode is None else nz[zcode]) * nxyz
    d = nxz * nyz
    n = int(np.add.reduce(nz))
    per_z, scale = _divergence_sums(m, d, zcode, len(nz), bound=n * n)
    # Every term is >= 0, so the sum is too: no clipping needed.
    if scale > 1:  # totals past the float range: S / (n_z N) exactly, per z
        return float(np.add.reduce(per_z * _ratios(scale, nz * n)))
    nzf = nz.astype(np.float64)
    total = np.add.reduce(np.divide(per_z, nzf, out=np.zeros_like(per_z), where=nzf > 0))
    return float(total / float(n))


def _residual_block(m: np.ndarray, d: np.ndarray, r: np.ndarray, out: np.ndarray) -> float:
    r"""`_divergence_sums`' terms of one block of float cells m, d, into `out`.

    m log(m/d) where m/d is outside (1/2, 2), the whole term from the series
    inside; returns the exact :math:`\sum (m - d)` over the near cells.  The
    cells are integers below 2**52 held in floats, so m + d, m - d and that
    sum are exact.  `r` is scratch.  An empty cell (m = 0) gives 0: the log of
    2**-1022 times 0, while 2**-1022 leaves m/d >= 1/2**52 unchanged
    elsewhere (the smallest normal number, not a subnormal, which a CPU
    flushing subnormals to zero would turn into log 0 and a NaN);
    d = 0 < m gives the true inf.
    """
    from ._measures import _put_near_series

    np.divide(m, d, out=r)
    np.add(r, _TINY, out=out)
    np.log(out, out=out)
    out *= m
    mi, di = _put_near_series(m, d, r, out)
    return float(np.add.reduce(mi - di))


def _residual_sums(cells, size: int, width: int) -> float:
    """Sum over blocks of `_residual_block`: terms, then near residuals.

    ``cells(block)`` gives the float m and d of a slice of `size` cells taken
    `width` at a time.  The block sums of terms are added exactly (fsum), then
    the exact integer residual, as `_divergence_sums` does.
    """
    r_buf, out_buf = np.empty(min(size, width)), np.empty(min(size, width))
    sums, residual = [], 0.0
    with np.errstate(divide="ignore"):  # d = 0 < m: the true inf
        for start in range(0, size, width):
            m, d = cells(slice(start, start + width))
            out = out_buf[: m.size]
            residual += _residual_block(m, d, r_buf[: m.size], out)
            sums.append(float(np.add.reduce(out)))
    return math.fsum(sums) + residual


def _plugin_mi_table_nats(table: np.ndarray) -> float | None:
    r"""Plug-in I(X; Y) of a dense 2-D int64 count table, or None past its range.

    The sum of `_plugin_cmi_nats`, :math:`\frac{1}{N^2}\sum_{x,y}
    [m \log(m/d) - m + d]` with :math:`m = N n_{xy}` and :math:`d = n_x n_y`,
    taken as `_divergence_sums` takes it, but over every cell of the table, a
    block of rows at a time: while :math:`N^2 < 2^{52}` the integers m and d
    are exact as floats, so no cell has to be found (``nonzero``) or
    gathered, and each block's m and d are made in cache.  Returns None for
    counts whose N^2 reaches 2**52, Python-int (object) tables and empty ones:
    they take the exact-integer path of the observed cells.
    """
    if table.dtype != np.int64 or table.ndim != 2:
        return None
    n = int(np.add.reduce(table, axis=None))
    if n == 0 or n * n >= 2**52:
        return None
    nx, ny = np.add.reduce(table, axis=1), np.add.reduce(table, axis=0)
    if not (nx.all() and ny.all()):  # unobserved categories add nothing
        table = table[nx > 0][:, ny > 0]
        nx, ny = nx[nx > 0], ny[ny > 0]
    nxf, nyf, nf = nx.astype(np.float64), ny.astype(np.float64), float(n)
    cols = table.shape[1]
    rows = max(1, _BLOCK // cols)
    m_buf, d_buf = np.empty((rows, cols)), np.empty((rows, cols))

    def cells(s):  # rows s.start // cols ... of the table, as m and d
        lo = s.start // cols
        block = table[lo : lo + rows]
        m, d = m_buf[: len(block)], d_buf[: len(block)]
        np.multiply(block, nf, out=m)  # exact: below 2**52
        np.multiply.outer(nxf[lo : lo + rows], nyf, out=d)
        return m.reshape(-1), d.reshape(-1)

    return _residual_sums(cells, table.size, rows * cols) / (nf * nf)


def _plugin_conditional_entropy_nats(nxy, ny) -> float:
    r""":math:`\frac1N \sum n_{xy} \log(n_y / n_{xy})` over observed cells: non-negative terms."""
    scale = _scale_for(ny)
    if scale > 1:  # Python ints past the float range: n_xy / S, and logs of exact ratios
        weights = _floats(nxy, scale)
        return float(
            np.add.reduce(weights * _log_ratios(ny, nxy).astype(np.float64))
            / np.add.reduce(weights)
        )
    nxy, ny = nxy.astype(np.float64), ny.astype(np.float64)
    # log(n_y / n_xy) as log1p of the exact difference over n_xy: a cell that
    # holds nearly all of its n_y keeps its small term.
    return float(np.add.reduce(nxy * np.log1p((ny - nxy) / nxy)) / np.add.reduce(nxy))


def _plugin_kl_nats(tx, ty) -> float:
    r"""D(P_x || P_y) of two aligned count vectors, from exact integer residuals.

    .. math:: \frac{1}{n_x n_y}\sum_a [m \log(m/d) - m + d],\quad
              m = n_x(a)\, n_y,\ d = n_y(a)\, n_x
    """
    nx, ny = np.add.reduce(tx), np.add.reduce(ty)
    tx, ty, totals = _exact_cells(tx, ty, np.array([int(nx), int(ny)]))
    nx, ny = totals
    seen = tx > 0
    sums, scale = _divergence_sums(tx[seen] * ny, ty[seen] * nx, bound=int(nx) * int(ny))
    if scale > 1:  # totals past the float range: S / (n_x n_y) exactly
        return float(sums[0] * (scale / (int(nx) * int(ny))))
    return float(sums[0] / (float(nx) * float(ny)))
