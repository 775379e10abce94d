"""Measurements to integer bin codes (public later as ``samples.discretize``)."""

from __future__ import annotations

import numbers

import numpy as np

from . import _validation

STRATEGIES = ("uniform", "quantile")


def _edges(col: np.ndarray, bins, strategy: str, range_) -> np.ndarray:
    if strategy == "uniform" or not isinstance(bins, (numbers.Integral, str)):
        try:
            return np.histogram_bin_edges(col, bins=bins, range=range_)
        except (ValueError, TypeError):
            _validation.bins_spec(bins)
    n_bins = bins if isinstance(bins, numbers.Integral) else None
    if n_bins is None:
        try:
            n_bins = np.histogram_bin_edges(col, bins=bins, range=range_).size - 1
        except (ValueError, TypeError):
            _validation.bins_spec(bins)
    inside = col if range_ is None else col[(col >= range_[0]) & (col <= range_[1])]
    edges = np.quantile(inside, np.linspace(0.0, 1.0, n_bins + 1))
    if range_ is not None:
        edges[0], edges[-1] = range_
    # Heavy ties repeat quantiles; a repeated edge would be an empty bin.
    return np.unique(edges)


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
    if arr.ndim not in (1, 2) or arr.shape[0] == 0:
        raise ValueError(
            f"`x` must be a non-empty 1-D or 2-D array of observations, got shape {arr.shape}."
        )
    _validation.nonfinite_values(arr, "x")
    _validation.choice(strategy, "strategy", STRATEGIES)
    range_ = None if range is None else _validation.bin_range(range)
    if isinstance(bins, bool) or (isinstance(bins, numbers.Integral) and bins < 1):
        _validation.bins_spec(bins)
    if not isinstance(bins, (numbers.Integral, str)):
        edges = np.asarray(bins, dtype=np.float64)
        finite = bool(np.isfinite(edges).all())  # np.diff of inf edges warns
        if edges.ndim != 1 or edges.size < 2 or not finite or not (np.diff(edges) > 0).all():
            _validation.bins_spec(bins)
    cols = arr.reshape(arr.shape[0], -1).T
    codes = [_codes(col, _edges(col, bins, strategy, range_), "x") for col in cols]
    return np.stack(codes, axis=-1).reshape(arr.shape)
