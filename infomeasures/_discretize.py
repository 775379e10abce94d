"""Measurements to integer bin codes (public later as ``samples.discretize``)."""

from __future__ import annotations

import math

import numpy as np

from . import _validation

try:  # numpy >= 2: the width of each rule of numpy.histogram_bin_edges (private)
    from numpy.lib._histograms_impl import _hist_bin_selectors as _RULES
except ImportError:  # numpy 1.x
    from numpy.lib.histograms import _hist_bin_selectors as _RULES

STRATEGIES = ("uniform", "quantile")

#: Most bins of one column (their edges take 8 MiB and build in milliseconds):
#: a plug-in estimate over more bins than that needs many millions of
#: observations, and the table of two such variables exceeds the cell limit.
MAX_BINS = 2**20


def _edges(col: np.ndarray, bins, strategy: str, range_) -> np.ndarray:
    if isinstance(bins, np.ndarray):  # explicit edges, checked by bins_option
        return bins
    # A rule becomes its number of bins first, so that numpy never builds
    # billions of edges for a rule whose width is tiny beside the range.
    n_bins = _rule_bins(col, bins, range_) if isinstance(bins, str) else bins
    if strategy == "uniform":
        try:
            return np.histogram_bin_edges(col, bins=n_bins, range=range_)
        except ValueError:  # numpy: "Too many bins for data range"
            lo, hi = (float(col.min()), float(col.max())) if range_ is None else range_
            _validation.bins_too_fine(n_bins, lo, hi)
    inside = col if range_ is None else col[(col >= range_[0]) & (col <= range_[1])]
    edges = np.quantile(inside, np.linspace(0.0, 1.0, n_bins + 1))
    if range_ is not None:
        edges[0], edges[-1] = range_
    # Heavy ties repeat quantiles; a repeated edge would be an empty bin.
    return np.unique(edges)


def _rule_bins(col: np.ndarray, rule: str, range_) -> int:
    """How many bins numpy's `rule` makes for `col` over `range_`, found before any is made.

    As numpy.histogram_bin_edges computes it: the rule's width from the data
    inside the range, then ceil(span / width); a zero width gives one bin.
    """
    if rule not in _RULES:
        _validation.bins_spec(rule)
    lo, hi = (float(col.min()), float(col.max())) if range_ is None else range_
    inside = col if range_ is None else col[(col >= lo) & (col <= hi)]
    if lo == hi or inside.size == 0:
        return 1
    # Rules built on the variance square the data: values past 1e154 overflow,
    # reported below as too wide a spread for the rule.
    with np.errstate(over="ignore", invalid="ignore"):
        width = float(_RULES[rule](inside, (lo, hi)))
    if width == 0:
        return 1
    count = (hi - lo) / width
    if not math.isfinite(count) or count > MAX_BINS:
        _validation.too_many_bins(rule, count, MAX_BINS, range_ is not None)
    return max(1, math.ceil(count))


def _codes(col: np.ndarray, edges: np.ndarray, name: str) -> np.ndarray:
    lo, hi = edges[0], edges[-1]
    outside = (col < lo) | (col > hi)
    if outside.any():
        _validation.outside_edges(name, float(col[outside][0]), float(lo), float(hi))
    # Bins are [e_i, e_i+1) except the last, [e_-2, e_-1], as in numpy.histogram.
    return np.searchsorted(edges[1:-1], col, side="right").astype(np.int64)


def discretize(x, bins="auto", *, strategy="uniform", range=None) -> np.ndarray:
    r"""Turn measurements into integer bin codes.

    Parameters
    ----------
    x : array_like of shape (n,) or (n, d)
        Real-valued observations; each column of a 2-D `x` is binned on its own.
    bins : int, str or array_like of edges, default="auto"
        The number of bins, a rule of `numpy.histogram_bin_edges` ("auto",
        "fd", "sturges", "sqrt", ...), or an increasing 1-D array of bin edges
        used as given (then `strategy` and `range` are ignored).
    strategy : {"uniform", "quantile"}, default="uniform"
        "uniform": bins of equal width, edges exactly as
        `numpy.histogram_bin_edges`. "quantile": equal-frequency bins, edges at
        the quantiles of `x` (a rule name only sets their number); edges
        repeated by ties are merged, so heavily tied data may get fewer bins.
    range : (float, float), optional
        The lower and upper edge. With explicit edges or a fixed `range` (and
        ``strategy="uniform"``) the edges do not depend on the data, so chunks
        of a large data set, or dask blocks, are binned alike.

    Returns
    -------
    ndarray of int64, shape of `x`
        The bin of each value, from 0. Bins are half-open ``[e_i, e_{i+1})``
        except the last, which holds its upper edge, as in `numpy.histogram`.

    Raises
    ------
    ValueError
        For NaN or infinite values (drop missing observations first; the
        samples functions do so with ``nan_policy="omit"``), for a value
        outside a fixed `range` or edges (values are never clipped), and for
        an invalid `bins`, `strategy` or `range`.

    See Also
    --------
    numpy.histogram_bin_edges : The uniform edges.

    Notes
    -----
    Plug-in entropy of the codes estimates the differential entropy only up
    to the log of the bin width:

    .. math:: H(X^\Delta) \approx h(X) - \log \Delta

    so binned estimates depend on the bins; the neighbour estimators do not.

    Examples
    --------
    >>> import numpy as np
    >>> from infomeasures.samples import discretize
    >>> x = np.array([0.1, 0.4, 0.5, 0.9, 1.0])
    >>> discretize(x, bins=2)
    array([0, 0, 0, 1, 1])

    The same as counting with `numpy.histogram`:

    >>> codes = discretize(x, bins=2)
    >>> np.bincount(codes).tolist() == np.histogram(x, bins=2)[0].tolist()
    True

    A fixed range bins every chunk alike:

    >>> discretize([0.2, 0.7], bins=4, range=(0, 1)), discretize([0.9], bins=4, range=(0, 1))
    (array([0, 2]), array([3]))

    Equal-frequency bins:

    >>> discretize(np.arange(8.0), bins=4, strategy="quantile")
    array([0, 0, 1, 1, 2, 2, 3, 3])
    """
    arr, _ = _validation.as_float_array(x, "x")
    if arr.ndim not in (1, 2) or arr.size == 0:
        raise ValueError(
            f"`x` must be a non-empty 1-D or 2-D array of observations, got shape {arr.shape}."
        )
    _validation.nonfinite_values(arr, "x")
    _validation.choice(strategy, "strategy", STRATEGIES)
    range_ = None if range is None else _validation.bin_range(range)
    bins = _validation.bins_option(bins, MAX_BINS)
    cols = arr.reshape(arr.shape[0], -1).T
    if range_ is None and not isinstance(bins, np.ndarray):
        for j, col in enumerate(cols):
            lo, hi = float(col.min()), float(col.max())
            if strategy == "uniform" or lo < hi:  # equal quantiles of a constant are fine
                _validation.binnable_spread(lo, hi, "x", j)
    codes = [_codes(col, _edges(col, bins, strategy, range_), "x") for col in cols]
    return np.stack(codes, axis=-1).reshape(arr.shape)
