r"""Information measures estimated from observed labels and measurements.

Observations are counted into a :class:`Counts` table (the sufficient
statistic), an estimator turns counts into entropies, and the measures
combine them.  Every function takes the variables themselves (1-D label
arrays of any type, or 2-D arrays read as one row-valued variable, or dask
arrays) or a `Counts` built earlier.

Variables may be numpy or masked arrays, pandas Series (categorical;
nullable ``Int64``, ``boolean``, ``Float64``; ``string`` and
``string[pyarrow]``; datetime, naive or tz-aware; object) or polars Series;
missing values in any of their forms (NaN, None, NaT, ``pd.NA``, polars
null, masked entries) follow `nan_policy`.  A 2-D array or a DataFrame
(pandas or polars, any mix of column dtypes) given as one variable is a
*joint* variable whose values are its rows: ``entropy(df)`` is
H(df.a, df.b, ...), not one entropy per column; for column-by-column
measures use `mutual_information_matrix`.

Estimators
----------
``"plugin"``
    Maximum likelihood; biased low by about (m - 1) / (2n).
``"miller-madow"``
    Plug-in plus (m - 1) / (2n) (Miller 1955).
``"chao-shen"``
    Coverage-adjusted Horvitz-Thompson (Chao & Shen 2003); good when many
    categories are unseen.
``"grassberger"``
    Digamma-based correction (Grassberger 2003).
``"james-stein"``
    Shrinkage toward the uniform distribution (Hausser & Strimmer 2009); low
    mean squared error for n small relative to the alphabet.
``"nsb"``
    Bayesian, Nemenman-Shafee-Bialek (2002); needs the alphabet size ``k``.

For measurements (continuous variables; see each function for the formulas):

``"kozachenko-leonenko"``
    k-nearest-neighbour differential entropy (`entropy`, `joint_entropy`).
``"ksg"``
    Kraskov-Stögbauer-Grassberger mutual information, Frenzel-Pompe
    conditional MI, Ross's estimator when one variable is discrete, the
    plug-in when both are; ties as Gao et al. (2017).
``"knn"``
    Wang-Kulkarni-Verdú KL divergence and cross-entropy of two samples.
``"gaussian"``, ``"gaussian-copula"``
    Closed forms under a normal fit (of the data, or of the normal scores of
    each margin's ranks).

With those, a floating variable is continuous and any other discrete, unless
``discrete=`` says otherwise; ``n_neighbors`` sets k.  A count estimator given
floating data most of whose values are distinct warns with
`ContinuousDataWarning`; `discretize` bins measurements into labels.

Mutual information and its relatives combine entropy terms estimated the same
way.  With the plug-in estimator they are computed directly from the integer
table, without subtracting entropies (see `mutual_information`).

Given the variables themselves, the functions count them into a dense table
while it is small (at most ``max(2 n, 65536)`` cells); beyond that they work
from the observed joint outcomes (at most n), so the cost follows the data,
not the product of the alphabets, for any number of variables.  A `Counts`
is always dense and limited to `MAX_CELLS` cells; beyond that a
``ValueError`` asks for binning.

Internally each measure is one row of a table (its signed entropy terms, or a
two-sample comparison) and each estimator one path object that prepares the
variables and returns nats; every public function is one call into
`_estimate`, which validates the options before any counting.
"""

from __future__ import annotations

import itertools
import math
import os
import sys
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Protocol

import numpy as np
from numpy.typing import ArrayLike

from . import _counts, _estimators, _gaussian, _measures, _neighbors
from . import _factorize as fz
from . import _validation as v
from ._counts import Counts
from ._discretize import discretize
from ._estimators import ESTIMATORS
from ._validation import ContinuousDataWarning

__all__ = [
    "MAX_CELLS",
    "ContinuousDataWarning",
    "Counts",
    "MutualInformationTestResult",  # noqa: F822 -- from __getattr__, lazily
    "co_information",
    "conditional_entropy",
    "conditional_mutual_information",
    "counts",
    "cross_entropy",
    "discretize",
    "dual_total_correlation",
    "entropy",
    "entropy_from_counts",
    "interaction_information",
    "joint_entropy",
    "js_divergence",
    "kl_divergence",
    "mutual_information",
    "mutual_information_matrix",
    "mutual_information_test",
    "o_information",
    "total_correlation",
]


def __getattr__(name: str):
    # The test's result class, from the resampling module that imports
    # scipy.stats (0.3 s): only when asked for, not on every import.
    if name == "MutualInformationTestResult":
        from ._resampling import MutualInformationTestResult

        return MutualInformationTestResult
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


#: Largest number of cells (2**27) a dense `Counts` table may have; a larger
#: table raises ``ValueError`` asking to bin or group the labels.
MAX_CELLS = _counts.MAX_CELLS


# ------------------------------------------------------------------ measures
#
# One row per measure.  A measure of paired variables is a signed sum of
# entropy terms over groups of its variables (None: all of them), which is
# what any entropy estimator can evaluate; paths with better kernels for a
# measure (the exact plug-in MI, say) use those instead.  Total correlation,
# DTC and O-information become rows of the same kind.  Two-sample measures
# compare the distributions of independent samples and have no terms.


@dataclass(frozen=True)
class _Measure:
    name: str
    args: tuple[str, ...]  # argument names for messages; () for any number
    # (sign, variables) pairs, or a function of the number of variables
    # giving them (total correlation: one term per variable).
    terms: tuple | Callable[[int], tuple] = ()
    two_sample: bool = False

    def terms_for(self, ndim: int) -> tuple[tuple[int, tuple[int, ...]], ...]:
        """Return the signed entropy terms of `ndim` variables, groups spelled out."""
        terms = self.terms(ndim) if callable(self.terms) else self.terms
        return tuple((sign, tuple(range(ndim)) if g is None else g) for sign, g in terms)


# Measures of any number of variables (section "Beyond pairs" of the API):
# X_-i is every variable but X_i.


def _at_least(need: int, terms: Callable[[int], tuple]) -> Callable[[int], tuple]:
    """`terms`, refusing fewer than `need` variables (given as arrays or as a Counts)."""

    def checked(ndim: int) -> tuple:
        if ndim < need:
            v.too_few_variables(need, ndim)
        return terms(ndim)

    return checked


def _rest(i: int, ndim: int) -> tuple[int, ...]:
    return tuple(a for a in range(ndim) if a != i)


def _tc_terms(ndim: int) -> tuple:
    """Sum_i H(X_i) - H(X_1..X_n) (Watanabe 1960)."""
    return (*((1, (i,)) for i in range(ndim)), (-1, None))


def _dtc_terms(ndim: int) -> tuple:
    """Sum_i H(X_-i) - (n - 1) H(X_1..X_n) (Han 1978)."""
    return (*((1, _rest(i, ndim)) for i in range(ndim)), (1 - ndim, None))


def _o_terms(ndim: int) -> tuple:
    """TC - DTC = (n - 2) H(X_1..X_n) + sum_i [H(X_i) - H(X_-i)] (Rosas et al. 2019)."""
    singles = ((1, (i,)) for i in range(ndim))
    return (*singles, *((-1, _rest(i, ndim)) for i in range(ndim)), (ndim - 2, None))


def _co_terms(ndim: int) -> tuple:
    """Sum over non-empty subsets S of (-1)^(|S| + 1) H(X_S) (Bell 2003)."""
    return tuple(
        (1 if size % 2 else -1, group)
        for size in range(1, ndim + 1)
        for group in itertools.combinations(range(ndim), size)
    )


def _interaction_terms(ndim: int) -> tuple:
    """(-1)^n times the co-information (McGill 1954, in the sign of dit and Jakulin)."""
    sign = 1 if ndim % 2 == 0 else -1
    return tuple((sign * s, group) for s, group in _co_terms(ndim))


_MEASURES = {
    m.name: m
    for m in (
        _Measure("entropy", ("x",), ((1, (0,)),)),
        _Measure("joint_entropy", (), ((1, None),)),
        _Measure("conditional_entropy", ("x", "y"), ((1, (0, 1)), (-1, (1,)))),
        _Measure("mutual_information", ("x", "y"), ((1, (0,)), (1, (1,)), (-1, (0, 1)))),
        _Measure(
            "conditional_mutual_information",
            ("x", "y", "z"),
            ((1, (0, 2)), (1, (1, 2)), (-1, (0, 1, 2)), (-1, (2,))),
        ),
        _Measure("total_correlation", (), _at_least(2, _tc_terms)),
        _Measure("dual_total_correlation", (), _at_least(2, _dtc_terms)),
        _Measure("o_information", (), _at_least(3, _o_terms)),
        _Measure("co_information", (), _at_least(2, _co_terms)),
        _Measure("interaction_information", (), _at_least(2, _interaction_terms)),
        _Measure("cross_entropy", ("x", "y"), two_sample=True),
        _Measure("kl_divergence", ("x", "y"), two_sample=True),
        _Measure("js_divergence", ("x", "y"), two_sample=True),
    )
}


# ------------------------------------------------------------------ tables
#
# Both classes give the estimators the same view of paired observations: the
# observed joint cells (`codes` per variable, `cells` their counts) and, per
# cell, the counts of any marginal.  `_Dense` wraps a `Counts`; `_Sparse` holds
# only the observed outcomes, for variables whose dense table would be far
# larger than n (it never forms the product of the alphabets).


class _Dense:
    def __init__(self, c: Counts):
        self.table = c.table
        self.ndim, self.n = c.ndim, c.n
        self.categories = c.categories

    @cached_property
    def codes(self) -> tuple[np.ndarray, ...]:
        return np.nonzero(self.table)

    @cached_property
    def cells(self) -> np.ndarray:
        return self.table[self.codes]

    def at(self, group) -> np.ndarray:
        return self.table_of(group)[tuple(self.codes[a] for a in group)]

    def table_of(self, group) -> np.ndarray:
        others = tuple(a for a in range(self.ndim) if a not in group)
        return np.add.reduce(self.table, axis=others) if others else self.table

    def observed(self, group) -> np.ndarray:
        t = self.table_of(group).ravel()
        return t[t > 0]


class _Sparse:
    def __init__(self, codes, cells, categories):
        self.codes, self.cells, self.categories = codes, cells, categories
        self.ndim, self.n = len(codes), int(np.add.reduce(cells))

    def _grouped(self, group):
        inv, m = _counts.group_codes([self.codes[a] for a in group])
        # Float sums of int counts are exact below 2**53 (in-memory samples).
        return inv, np.bincount(inv, weights=self.cells, minlength=m).astype(np.int64)

    def at(self, group) -> np.ndarray:
        inv, sums = self._grouped(group)
        return sums[inv]

    def table_of(self, group) -> np.ndarray:
        (axis,) = group
        return np.bincount(self.codes[axis], weights=self.cells).astype(np.int64)

    def observed(self, group) -> np.ndarray:
        if len(group) == self.ndim:  # the outcomes are already distinct
            return self.cells
        widths = self._widths
        if self._key is None or math.prod(widths[a] for a in group) <= _counts.small_table(
            len(self.cells)
        ):
            sums = self._grouped(group)[1]
            return sums[sums > 0]
        return _sorted_sums(self._key_of(group), self.cells, math.prod(widths))

    @cached_property
    def _widths(self) -> list[int]:
        return [int(c.max(initial=-1)) + 1 for c in self.codes]

    @cached_property
    def _weights(self) -> list[int]:
        return [math.prod(self._widths[a + 1 :]) for a in range(self.ndim)]

    @cached_property
    def _key(self) -> np.ndarray | None:
        """The mixed-radix code of every outcome, or None if its range overflows int64."""
        if math.prod(self._widths) > _INT64_MAX:
            return None
        key = np.zeros(len(self.cells), dtype=np.int64)
        for codes, weight in zip(self.codes, self._weights, strict=True):
            key += codes * weight
        return key

    def _key_of(self, group) -> np.ndarray:
        """Return the outcomes' code with the digits of the other variables zeroed.

        Built from the full code when fewer variables are left out (DTC's
        H(X_-i): one product and one subtraction per term, the codes are
        never refactorised).
        """
        others = [a for a in range(self.ndim) if a not in group]
        if len(others) < len(group):
            key = self._key.copy()
            for a in others:
                key -= self.codes[a] * self._weights[a]
            return key
        key = np.zeros(len(self.cells), dtype=np.int64)
        for a in group:
            key += self.codes[a] * self._weights[a]
        return key


_INT64_MAX = np.iinfo(np.int64).max
_FLOAT_MAX = sys.float_info.max


def _sorted_sums(key: np.ndarray, cells: np.ndarray, size: int) -> np.ndarray:
    """Sum `cells` over each distinct `key` (codes in [0, size)), by one sort.

    The count rides in the low digits of the sorted value (key * top + cell),
    so a plain sort replaces the slower argsort that a grouping by inverse
    indices needs; past int64 it falls back to the inverse.
    """
    top = int(cells.max()) + 1
    if size > _INT64_MAX // top:
        _, inv = np.unique(key, return_inverse=True)
        return np.bincount(inv.reshape(-1), weights=cells).astype(np.int64)
    packed = key * top
    packed += cells
    packed.sort()
    groups = packed // top
    counts = packed - groups * top
    starts = np.flatnonzero(np.diff(groups)) + 1
    return np.add.reduceat(counts, np.concatenate(([0], starts)))


def _paired(measure: _Measure, variables, nan_policy: str):
    """Return the observations of `measure`'s variables, or the one Counts given."""
    names = measure.args or tuple(f"variables[{i}]" for i in range(len(variables)))
    given = [(a, name) for a, name in zip(variables, names, strict=False) if a is not None]
    variables = tuple(a for a in variables if a is not None)  # optional partners of a Counts
    if len(variables) == 1 and isinstance(variables[0], Counts):
        c = variables[0]
        if measure.args and c.ndim != len(measure.args):
            v.counts_arity(len(measure.args), c.ndim)
        table = _Dense(c)
        names = [given[0][1]]
    else:
        if any(isinstance(a, Counts) for a in variables):
            v.counts_or_variables([name for a, name in given if isinstance(a, Counts)])
        if not variables or len(variables) != len(names):
            v.variables_arity(names, len(variables))
        table = _observe(variables, names, nan_policy)
    if table.n == 0:
        v.no_observations(names)
    return table


def _observe(variables, names, nan_policy: str):
    # One variable's table has at most n observed cells; dask blocks are merged as tables.
    if len(variables) == 1 or any(_counts.is_dask(a) for a in variables):
        return _Dense(_counts.count(variables, names, nan_policy))
    return _table(*_counts.factorized(variables, names, nan_policy))


def _table(parts, n: int):
    """Tabulate factorised variables: dense while small, else their observed outcomes."""
    # Large: the sorted outcomes cost n log n whatever the labels' ranges, so
    # range-coded labels are not compressed first, as they are for a dense table.
    if n and _counts.dense_size(parts) > _counts.small_table(n):
        return _Sparse(*_counts.outcomes(parts), [_observed_labels(p) for p in parts])
    return _Dense(Counts(*_counts.crosstab(parts), n))


def _observed_labels(part: fz.Factorized) -> np.ndarray:
    # Whole-valued floats are range-coded: their categories span the range, so
    # the guard rail counts only the labels observed.
    return fz.compress(part).categories if part.dense else part.categories


# ------------------------------------------------------------------ guard rail


#: The guard rail's "most values distinct": at least this many observations,
#: more than half of them distinct.  Fewer observations say too little: a
#: dozen ratings on a half-point scale may all differ.
_GUARD_MIN_N = 20
_CONTINUOUS_ESTIMATORS = ("ksg", "kozachenko-leonenko", "knn", "gaussian", "gaussian-copula")
_PACKAGE = os.path.dirname(os.path.abspath(__file__))


def _user_stacklevel() -> int:
    """Return the stack level of the first caller outside infomeasures (as pandas does)."""
    frame, level = sys._getframe(1), 1
    while frame is not None and frame.f_code.co_filename.startswith(_PACKAGE):
        frame, level = frame.f_back, level + 1
    return level


def _guard(categories, names, n: int) -> None:
    if n < _GUARD_MIN_N:
        return
    if len(names) != len(categories):  # a Counts of several variables given as one
        names = tuple(f"axis {i} of the Counts" for i in range(len(categories)))
    for cats, name in zip(categories, names, strict=True):
        if cats.dtype.kind == "f" and 2 * len(cats) > n:
            message = v.continuous_data_message(name, len(cats), n, _CONTINUOUS_ESTIMATORS)
            warnings.warn(message, ContinuousDataWarning, stacklevel=_user_stacklevel())


def _check_discrete(estimator: str, names, discrete) -> bool:
    """Check a count estimator's `discrete`: True or None; True skips the guard rail."""
    if discrete is None:
        return False
    if not all(discrete):
        v.continuous_for_counts(
            estimator, [f"`{a}`" for a, d in zip(names, discrete, strict=True) if not d]
        )
    return True


# ------------------------------------------------------------------ estimators
#
# A path prepares the variables for its estimators (counts today; points for
# the neighbour and Gaussian estimators) and returns nats for a measure.  It
# declares the measures it supports, so the dispatcher can name the
# estimators that do support one.  Adding an estimator is one entry in
# `_PATHS`; adding a measure is one row in `_MEASURES` (and its name in the
# `measures` of the paths that can evaluate it).


class _Path(Protocol):
    """What `_estimate` needs of an estimator."""

    #: names of the `_MEASURES` rows this path evaluates
    measures: frozenset[str]

    def prepare(self, measure: _Measure, variables, nan_policy: str, discrete=None):
        """Validate and convert the variables (counts, points...); nothing is estimated yet.

        `discrete` is None (decide by dtype) or one bool per variable.
        """

    def nats(self, measure: _Measure, data, **options) -> float:
        """Return the measure of the prepared `data`, in nats (options: k, n_neighbors...)."""


def _names(measure: _Measure, variables) -> tuple[str, ...]:
    return measure.args or tuple(f"variables[{i}]" for i in range(len(variables)))


class _CountPath:
    """An entropy estimator on counts: every measure with entropy terms."""

    measures = frozenset(m.name for m in _MEASURES.values() if m.terms)

    def __init__(self, name: str, kernel):
        self.name, self.kernel = name, kernel

    def prepare(self, measure: _Measure, variables, nan_policy: str, discrete=None):
        names = _names(measure, variables)
        labels = _check_discrete(self.name, names, discrete)
        table = _paired(measure, variables, nan_policy)
        if not labels:
            _guard(table.categories, names, table.n)
        return table

    def entropy(self, counts: np.ndarray, k: int | None = None) -> float:
        kk = v.alphabet_size(k, int(np.count_nonzero(counts)))
        if counts.dtype == object and int(np.add.reduce(counts)) > _FLOAT_MAX:
            # Python-int counts whose total passes the float range: the
            # plug-in depends on the frequencies only, so the counts are
            # divided exactly by a power of two; the other estimators use
            # the total itself.
            if self.name != "plugin":
                v.total_beyond_float(self.name)
            scale = _estimators._scale_for(counts)
            flat = _estimators._floats(counts, scale)
        else:
            flat = np.asarray(counts, dtype=np.float64)
        return self.kernel(flat, float(np.add.reduce(flat)), kk)

    def nats(self, measure: _Measure, table, k: int | None = None, **_) -> float:
        return math.fsum(
            sign * self.entropy(table.observed(g), k) for sign, g in measure.terms_for(table.ndim)
        )


class _PluginPath(_CountPath):
    """The plug-in estimator, with exact-integer kernels where they exist."""

    measures = frozenset(_MEASURES)

    def prepare(self, measure: _Measure, variables, nan_policy: str, discrete=None):
        if measure.two_sample:
            labels = _check_discrete(self.name, measure.args, discrete)
            return _aligned(variables, nan_policy, guard=not labels)
        return super().prepare(measure, variables, nan_policy, discrete)

    def nats(self, measure: _Measure, data, k=None, pseudocount: float = 0.0, **_) -> float:
        name = measure.name
        if name == "conditional_entropy":
            return _estimators._plugin_conditional_entropy_nats(data.cells, data.at((1,)))
        if name == "mutual_information":
            if isinstance(data, _Dense):
                mi = _estimators._plugin_mi_table_nats(data.table)
                if mi is not None:
                    return mi
            return _estimators._plugin_cmi_nats(data.cells, data.at((0,)), data.at((1,)))
        if name == "conditional_mutual_information":
            return _estimators._plugin_cmi_nats(
                data.cells, data.at((0, 2)), data.at((1, 2)), data.codes[2], data.table_of((2,))
            )
        if measure.two_sample:
            return _two_sample_nats(name, *data, pseudocount)
        if name in ("total_correlation", "dual_total_correlation"):
            # The plug-in TC and DTC are those of the empirical distribution:
            # >= 0 by theorem, so rounding below 0 is clipped after summation.
            return max(super().nats(measure, data, k), 0.0)
        return super().nats(measure, data, k)


def _aligned(variables, nan_policy: str, guard: bool = True):
    """Count x and y separately and align them over the union of their labels."""
    x, y = variables
    cx = _one_sample(x, "x", nan_policy)
    cy = _one_sample(y, "y", nan_policy)
    if guard:
        _guard(cx.categories, ("x",), cx.n)
        _guard(cy.categories, ("y",), cy.n)
    # Merging with an all-zero copy of the other side aligns each to the union.
    zx = Counts(np.zeros(cy.table.shape, dtype=np.int64), cy.categories, 0)
    zy = Counts(np.zeros(cx.table.shape, dtype=np.int64), cx.categories, 0)
    try:
        return (cx + zx).table, (cy + zy).table
    except TypeError as exc:  # labels of x and y that no common dtype holds
        v.incomparable_samples(cx.categories[0], cy.categories[0], exc)


def _one_sample(x, name: str, nan_policy: str) -> Counts:
    if isinstance(x, Counts):
        if x.ndim != 1:
            v.counts_arity(1, x.ndim)
        c = x
    else:
        c = _counts.count((x,), (name,), nan_policy)
    if c.n == 0:
        v.no_observations([name])
    return c


def _two_sample_nats(name: str, tx, ty, pseudocount: float) -> float:
    if name == "kl_divergence" and pseudocount == 0:
        return _estimators._plugin_kl_nats(tx, ty)
    if _estimators._scale_for(tx, ty) > 1:  # Python-int counts past the float range
        return _exact_two_sample_nats(name, tx, ty, pseudocount)
    fx = tx.astype(np.float64) + pseudocount
    fy = ty.astype(np.float64) + pseudocount
    measure = {
        "cross_entropy": _measures.cross_entropy,
        "kl_divergence": _measures.kl_divergence,
        "js_divergence": _measures.js_divergence,
    }[name]
    # normalize=True divides by the totals, rescaling first where a total
    # overflows (a pseudocount of 1e308 on several cells)
    return measure(fx, fy, base=math.e, normalize=True)


def _exact_two_sample_nats(name: str, tx, ty, pseudocount: float) -> float:
    """Compute the two-sample measures of exact integer counts from the exact KL kernel.

    A pseudocount num/den is exact too: counts c become c den + num, the same
    distribution.  H(P, Q) = H(P) + D(P || Q), and JS is the mean of D(P || M)
    and D(Q || M) with M's counts tx ny + ty nx (both in units of 1/(2 nx ny)).
    """
    num, den = float(pseudocount).as_integer_ratio()
    tx, ty = tx.astype(object) * den + num, ty.astype(object) * den + num
    kl = _estimators._plugin_kl_nats
    if name == "kl_divergence":
        return kl(tx, ty)
    if name == "cross_entropy":
        return _PATHS["plugin"].entropy(tx[tx > 0]) + kl(tx, ty)
    mix = tx * int(np.add.reduce(ty)) + ty * int(np.add.reduce(tx))
    # JS is non-negative by theorem: rounding below 0 is clipped after summation
    return max(0.5 * (kl(tx, mix) + kl(ty, mix)), 0.0)


# ------------------------------------------------------------------ points
#
# The continuous paths see a variable as points, float64 of shape (n, d), when
# it is continuous, and as factorised labels (`fz.Factorized`) when it is
# discrete.  Continuous: floating dtype, unless `discrete=` says otherwise.
# Rows missing (NaN, +-inf, None...) in any variable are dropped together.


@dataclass(frozen=True)
class _Points:
    values: tuple  # per variable: float64 points (n, d), or fz.Factorized labels
    names: tuple[str, ...]
    n: int


def _discrete_by_dtype(x) -> bool:
    """Apply the default rule: floating dtype is continuous, anything else discrete."""
    kind = getattr(getattr(x, "dtype", None), "kind", None)
    return (np.asarray(x).dtype.kind if kind is None else kind) != "f"


def _read(x, name: str, discrete: bool | None):
    """`x` as points (with their non-finite rows) or as labels (with their missing ones)."""
    if discrete is None:
        discrete = _discrete_by_dtype(x)
    if discrete:
        found = fz.labels(x, name)
        return found, found.missing
    try:
        # Read-only use: no kernel writes to its input, so no copy is made here.
        arr = np.asarray(x, dtype=np.float64)
    except (TypeError, ValueError):
        v.not_numbers(name, getattr(x, "dtype", type(x).__name__))
    if arr.ndim == 1:
        arr = arr.reshape(-1, 1)
    elif arr.ndim != 2:
        v.point_shape(name, arr.shape)
    bad = ~np.isfinite(arr).all(axis=1)
    return arr, (bad if bad.any() else None)


def _drop(value, keep: np.ndarray):
    if isinstance(value, np.ndarray):
        return value[keep]
    return value._replace(values=value.values[keep])


def _read_all(variables, names, nan_policy: str, discrete):
    """Read the variables, drop (or raise on) missing rows: values and n."""
    found = [
        _read(x, name, None if discrete is None else d)
        for x, name, d in zip(variables, names, discrete or names, strict=True)
    ]
    values = [f[0] if isinstance(f[0], np.ndarray) else f[0].values for f in found]
    n = v.same_length(values, names)
    missing = [
        (m, f[0], name) for (f, name) in zip(found, names, strict=True) if (m := f[1]) is not None
    ]
    values = [f[0] for f in found]
    if missing:
        if nan_policy == "raise":
            mask, value, name = missing[0]
            if isinstance(value, np.ndarray):
                v.nonfinite_values(value, name)
            v.missing_values(mask, name)
        keep = ~np.logical_or.reduce([m for m, _, _ in missing])
        values = [_drop(a, keep) for a in values]
        n = int(np.count_nonzero(keep))
    if n == 0:
        v.no_observations(names)
    return values, n


def _points(estimator: str, measure: _Measure, variables, nan_policy: str, discrete) -> _Points:
    names = _names(measure, variables)
    variables = tuple(a for a in variables if a is not None)
    if any(isinstance(a, Counts) for a in variables):
        v.counts_to_continuous(estimator)
    if not variables or len(variables) != len(names):
        v.variables_arity(names, len(variables))
    values, n = _read_all(variables, names, nan_policy, discrete)
    for value, name in zip(values, names, strict=True):
        if isinstance(value, np.ndarray):
            v.constant_columns(value, name)
    limit = _counts.small_table(n)
    values = tuple(a if isinstance(a, np.ndarray) else fz.factorize(a, limit) for a in values)
    return _Points(values, names, n)


def _two_samples(estimator: str, variables, nan_policy: str, discrete):
    """Two independent continuous samples of one dimension, each cleaned on its own."""
    if any(isinstance(a, Counts) for a in variables):
        v.counts_to_continuous(estimator)
    samples = []
    for x, name, d in zip(variables, ("x", "y"), discrete or (None, None), strict=True):
        (value,), _ = _read_all((x,), (name,), nan_policy, None if d is None else (d,))
        if not isinstance(value, np.ndarray):
            v.needs_continuous(estimator, name, getattr(x, "dtype", np.asarray(x).dtype))
        samples.append(value)
    x, y = samples
    if x.shape[1] != y.shape[1]:
        v.sample_dimensions(x.shape[1], y.shape[1])
    return x, y


def _continuous(data: _Points, i: int, estimator: str) -> np.ndarray:
    value = data.values[i]
    if not isinstance(value, np.ndarray):
        v.needs_continuous(estimator, data.names[i], value.categories.dtype)
    return value


def _all_continuous(data: _Points, estimator: str) -> list[np.ndarray]:
    return [_continuous(data, i, estimator) for i in range(len(data.values))]


def _plugin_of(measure: str, parts) -> float:
    """Return the plug-in estimate of discrete variables (factorised), in nats."""
    return _PATHS["plugin"].nats(_MEASURES[measure], _table(parts, len(parts[0].codes)))


def _rows(value, rows: np.ndarray):
    return (
        value[rows] if isinstance(value, np.ndarray) else value._replace(codes=value.codes[rows])
    )


def _ksg_pair(a, b, n_neighbors: int) -> float:
    """Estimate I(a; b).

    KSG for two continuous variables, Ross for a discrete and a continuous
    one, the plug-in for two discrete ones.
    """
    if isinstance(a, np.ndarray) and isinstance(b, np.ndarray):
        return _neighbors.ksg(a, b, n_neighbors)
    if isinstance(a, np.ndarray):
        a, b = b, a
    if isinstance(b, np.ndarray):
        return _neighbors.ksg_mixed(fz.offset_codes(a), b, n_neighbors)
    return _plugin_of("mutual_information", [a, b])


def _ksg_mi(data: _Points, n_neighbors: int, estimator: str) -> float:
    return _ksg_pair(*data.values, n_neighbors)


def _ksg_cmi(data: _Points, n_neighbors: int, estimator: str) -> float:
    """Estimate I(x; y | z) on points.

    Frenzel-Pompe for continuous x, y, z; per class of a discrete z,
    sum_z p(z) I(x; y | Z = z); for one discrete x (or y) and continuous z,
    the chain rule I(x; (y, z)) - I(x; z) with Ross's estimator.
    """
    x, y, z = data.values
    continuous = [isinstance(a, np.ndarray) for a in data.values]
    if not any(continuous):
        return _plugin_of("conditional_mutual_information", [x, y, z])
    if not continuous[2]:
        codes = fz.offset_codes(z)
        sizes = np.bincount(codes)
        sizes = sizes[sizes > 0]
        if sizes.min() <= n_neighbors:
            v.small_stratum(data.names[2], int(sizes.min()), n_neighbors)
        strata = np.split(np.argsort(codes, kind="stable"), np.cumsum(sizes)[:-1])
        # A loop over the classes of z, not over observations.
        parts = [
            rows.size * _ksg_pair(_rows(x, rows), _rows(y, rows), n_neighbors) for rows in strata
        ]
        return math.fsum(parts) / data.n
    if continuous[0] and continuous[1]:
        return _neighbors.frenzel_pompe(x, y, z, n_neighbors)
    if continuous[0]:
        x, y = y, x
    if not isinstance(y, np.ndarray):
        v.discrete_pair_given_continuous(data.names[2])
    codes = fz.offset_codes(x)
    return _neighbors.ksg_mixed(codes, np.hstack((y, z)), n_neighbors) - _neighbors.ksg_mixed(
        codes, z, n_neighbors
    )


def _ksg_conditional_entropy(data: _Points, n_neighbors: int, estimator: str) -> float:
    """Estimate H(x | y) = H(x) - I(x; y) for a discrete x.

    Plug-in H(x), Ross I (plug-in throughout when y is discrete too).
    """
    x, y = data.values
    if isinstance(x, np.ndarray):
        v.discrete_target_only(estimator, data.names[0])
    if not isinstance(y, np.ndarray):
        return _plugin_of("conditional_entropy", [x, y])
    return _plugin_of("entropy", [x]) - _neighbors.ksg_mixed(fz.offset_codes(x), y, n_neighbors)


def _joint_entropy_kl(data: _Points, n_neighbors: int, estimator: str) -> float:
    return _neighbors.kozachenko_leonenko(np.hstack(_all_continuous(data, estimator)), n_neighbors)


def _joint_entropy_gaussian(data: _Points, n_neighbors: int, estimator: str) -> float:
    return _gaussian.gaussian_entropy(np.hstack(_all_continuous(data, estimator)))


def _gaussian_sum(measure: str):
    """Return a rule summing the signed Gaussian entropies of a measure's groups of variables."""

    def rule(data: _Points, n_neighbors: int, estimator: str) -> float:
        points = _all_continuous(data, estimator)
        return math.fsum(
            sign * _gaussian.gaussian_entropy(np.hstack([points[a] for a in group]))
            for sign, group in _MEASURES[measure].terms_for(len(points))
        )

    return rule


_MULTIVARIATE = (
    "total_correlation",
    "dual_total_correlation",
    "o_information",
    "co_information",
    "interaction_information",
)


def _closed_form(kernel):
    """Return a rule applying a Gaussian kernel to the (continuous) variables."""
    return lambda data, n_neighbors, estimator: kernel(*_all_continuous(data, estimator))


class _PointPath:
    """A continuous (or mixed) estimator: one rule per measure, on points."""

    def __init__(self, name: str, rules: dict[str, Callable], two_sample=None):
        self.name, self.rules, self.two_sample = name, rules, two_sample or {}
        self.measures = frozenset(rules) | frozenset(self.two_sample)

    def prepare(self, measure: _Measure, variables, nan_policy: str, discrete=None):
        if measure.two_sample:
            return _two_samples(self.name, variables, nan_policy, discrete)
        return _points(self.name, measure, variables, nan_policy, discrete)

    def nats(self, measure: _Measure, data, n_neighbors: int = 3, **_) -> float:
        if measure.two_sample:
            return self.two_sample[measure.name](*data, n_neighbors)
        return self.rules[measure.name](data, n_neighbors, self.name)


def _without_k(kernel):
    return lambda x, y, n_neighbors: kernel(x, y)


_PATHS: dict[str, _Path] = (
    {"plugin": _PluginPath("plugin", _estimators.plugin)}
    | {name: _CountPath(name, kernel) for name, kernel in ESTIMATORS.items() if name != "plugin"}
    | {
        "kozachenko-leonenko": _PointPath(
            "kozachenko-leonenko",
            {"entropy": _joint_entropy_kl, "joint_entropy": _joint_entropy_kl},
        ),
        "ksg": _PointPath(
            "ksg",
            {
                "conditional_entropy": _ksg_conditional_entropy,
                "mutual_information": _ksg_mi,
                "conditional_mutual_information": _ksg_cmi,
            },
        ),
        "knn": _PointPath(
            "knn",
            {},
            {
                "cross_entropy": _neighbors.wang_kulkarni_verdu_cross_entropy,
                "kl_divergence": _neighbors.wang_kulkarni_verdu_kl,
            },
        ),
        "gaussian": _PointPath(
            "gaussian",
            {
                "entropy": _joint_entropy_gaussian,
                "joint_entropy": _joint_entropy_gaussian,
                "mutual_information": _closed_form(_gaussian.gaussian_mi),
                "conditional_mutual_information": _closed_form(_gaussian.gaussian_cmi),
            }
            | {name: _gaussian_sum(name) for name in _MULTIVARIATE},
            {
                "cross_entropy": _without_k(_gaussian.gaussian_cross_entropy),
                "kl_divergence": _without_k(_gaussian.gaussian_kl),
            },
        ),
        "gaussian-copula": _PointPath(
            "gaussian-copula",
            {
                "mutual_information": _closed_form(_gaussian.copula_mi),
                "conditional_mutual_information": _closed_form(_gaussian.copula_cmi),
            },
        ),
    }
)


def _estimator_names(measure: str) -> tuple[str, ...]:
    """Return the estimators of `measure`, for the CLI's choices and for error messages."""
    return tuple(name for name, path in _PATHS.items() if measure in path.measures)


def _estimate(
    measure: str,
    variables,
    *,
    estimator,
    base,
    nan_policy,
    n_neighbors=3,
    discrete=None,
    names=None,
    **options,
) -> float:
    """Validate at the boundary, prepare the variables for the estimator, convert units.

    `names` replaces the measure's argument names in messages (the columns of
    `mutual_information_matrix`).
    """
    row = _MEASURES[measure] if names is None else replace(_MEASURES[measure], args=names)
    estimator = v.estimator_for(estimator, measure, _estimator_names(measure), tuple(_PATHS))
    scale = v.log_base(base)
    v.choice(nan_policy, "nan_policy", v.NAN_POLICIES)
    n_neighbors = v.n_neighbors(n_neighbors)
    discrete = v.discrete_option(discrete, _names(row, variables))
    if "k" in options:
        options["k"] = v.alphabet_option(options["k"])
    if "pseudocount" in options:
        options["pseudocount"] = v.pseudocount(options["pseudocount"])
        if options["pseudocount"] and estimator != "plugin":
            v.pseudocount_for(estimator)
    path = _PATHS[estimator]
    data = path.prepare(row, variables, nan_policy, discrete)
    return v.to_units(path.nats(row, data, n_neighbors=n_neighbors, **options), scale)


# ------------------------------------------------------------------ public


def counts(*variables, nan_policy: str = "raise") -> Counts:
    """Count the observations of one or more variables into a `Counts` table.

    Parameters
    ----------
    *variables : array_like of shape (n,) or (n, k), or dask arrays
        Observed labels, one array per variable, all of length n.
    nan_policy : {'raise', 'omit'}, default='raise'
        Raise on missing labels, or drop every observation that has one.

    Returns
    -------
    Counts
        The contingency table, with one axis per variable.

    See Also
    --------
    infomeasures.samples.Counts : The table it returns.
    infomeasures.samples.entropy_from_counts : The entropy of a table of counts.

    Notes
    -----
    ``table[i, j, ...]`` is the number of observations
    with those labels; every measure of this module is a function of it.
    See `Counts` for how labels are factorised and when a table is too large.

    Examples
    --------
    >>> from infomeasures import samples
    >>> c = samples.counts(["x", "y", "x", "x"])
    >>> c.categories, c.table
    ((array(['x', 'y'], dtype='<U1'),), array([3, 1]))
    """
    return Counts().update(*variables, nan_policy=nan_policy)


def entropy_from_counts(
    counts: ArrayLike | Counts,
    /,
    *,
    estimator: str = "plugin",
    base: float = 2,
    k: int | None = None,
) -> float:
    r"""Entropy estimated from a vector (or table) of category counts.

    Parameters
    ----------
    counts : array_like of non-negative integers, or Counts
        How often each category was observed; a table is flattened, so the
        joint entropy of its variables is estimated.
    estimator : str, default='plugin'
        One of ``'plugin'``, ``'miller-madow'``, ``'chao-shen'``,
        ``'grassberger'``, ``'james-stein'``, ``'nsb'``.
    base : float, default=2
        Logarithm base.
    k : int, optional
        Alphabet size, used by ``'james-stein'`` and ``'nsb'``; default the
        number of observed categories.

    Returns
    -------
    float
        The entropy estimate.

    See Also
    --------
    infomeasures.samples.entropy : The same from observed labels.
    infomeasures.samples.counts : Count observations into a table.
    infomeasures.entropy : The entropy of a probability array.

    Notes
    -----
    With :math:`\hat p_i = n_i/n`, m the number of observed categories and
    :math:`f_1` the number of singletons:

    .. math::
        \hat H_{plugin} &= -\sum_i \hat p_i \log \hat p_i
        \quad\text{(bias } -(m-1)/(2n) + O(n^{-2})\text{)}\\
        \hat H_{MM} &= \hat H_{plugin} + \frac{m-1}{2n}
        \quad\text{(bias } O(n^{-2})\text{; Miller 1955)}\\
        \hat H_{CS} &= -\sum_i \frac{C\hat p_i \log(C\hat p_i)}{1 - (1 - C\hat p_i)^n},
        \ C = 1 - \frac{f_1}{n}\quad\text{(Chao \& Shen 2003)}\\
        \hat H_{G} &= \log n - \frac1n \sum_i n_i G(n_i),\
        G(n) = \psi(n) + \tfrac12(-1)^n\left[\psi(\tfrac{n+1}2) - \psi(\tfrac n2)\right]
        \quad\text{(Grassberger 2003)}\\
        \hat H_{JS} &= -\sum_i \hat p^S_i \log \hat p^S_i,\
        \hat p^S_i = \tfrac{\lambda}{k} + (1-\lambda)\hat p_i
        \quad\text{(Hausser \& Strimmer 2009)}

    and NSB is the posterior mean of H under a mixture of symmetric Dirichlet
    priors whose induced prior on H is nearly flat (Nemenman, Shafee &
    Bialek 2002).  The plug-in is biased low; Miller-Madow removes the
    first-order bias; Chao-Shen and NSB handle unseen categories; James-Stein
    trades a bias toward log k for low variance.

    References
    ----------
    Miller, G. A. (1955). Note on the bias of information estimates.
    Chao, A. & Shen, T.-J. (2003). Environ. Ecol. Stat. 10, 429-443.
    Grassberger, P. (2003). arXiv:physics/0307138.
    Hausser, J. & Strimmer, K. (2009). JMLR 10, 1469-1484.
    Nemenman, I., Shafee, F. & Bialek, W. (2002). NIPS 14.

    Examples
    --------
    >>> from infomeasures.samples import entropy_from_counts
    >>> entropy_from_counts([5, 5])
    1.0
    >>> round(entropy_from_counts([5, 5], estimator="miller-madow"), 4)  # 1 + 1/(20 ln 2)
    1.0721
    """
    table = counts.table if isinstance(counts, Counts) else v.count_table(counts, "counts")
    if table.size == 0 or not np.add.reduce(table, axis=None) > 0:
        v.empty_counts()
    flat = Counts(_counts.exact_table(table.reshape(-1)))
    return _estimate("entropy", (flat,), estimator=estimator, base=base, nan_policy="raise", k=k)


def entropy(
    x,
    /,
    *,
    estimator: str = "plugin",
    base: float = 2,
    k: int | None = None,
    nan_policy: str = "raise",
    n_neighbors: int = 3,
    discrete: bool | Sequence[bool] | None = None,
) -> float:
    r"""Entropy H(X) estimated from observed labels or measurements.

    Parameters
    ----------
    x : array_like of shape (n,) or (n, d), or Counts
        Observed labels (ints, bools, floats as categories, strings, objects,
        pandas Series or Categoricals); a 2-D array is one variable whose
        value is the row.
    estimator : str, default='plugin'
        See `entropy_from_counts`.
    base : float, default=2
        Logarithm base.
    k : int, optional
        Alphabet size for the estimators that use it; default the number of
        observed labels.
    nan_policy : {'raise', 'omit'}, default='raise'
        Raise on missing labels (or NaN/inf in a continuous `x`), or drop them.
    n_neighbors : int, default=3
        The number k of neighbours of the neighbour estimators
        (``'ksg'``, ``'kozachenko-leonenko'``, ``'knn'``); unused by the others.
    discrete : bool or sequence of bool, optional
        Which variables are discrete: one bool for all, or one per variable.
        By default a variable of floating dtype is continuous and any other
        (ints, bools, strings, categoricals) discrete.  The count estimators
        need discrete variables; ``True`` also says that floating values are
        labels, which silences `ContinuousDataWarning`.

    Returns
    -------
    float
        For a continuous `x`, the differential entropy: it may be negative
        and changes with the units of `x`.

    Warns
    -----
    ContinuousDataWarning
        A count estimator given floating values most of which are distinct.

    See Also
    --------
    infomeasures.samples.entropy_from_counts : The same from a vector of counts.
    infomeasures.samples.joint_entropy
    infomeasures.entropy : The entropy of a probability array.

    Notes
    -----
    .. math:: \hat H(X) = -\sum_x \frac{n_x}{n} \log_b \frac{n_x}{n}

    for the plug-in estimator; the other count estimators are listed in
    `entropy_from_counts`.  For a continuous `x` of shape (n, d):

    ``'kozachenko-leonenko'``
        .. math:: \hat h = \psi(n) - \psi(k) + d \log 2
                  + \frac{d}{n}\sum_i \log \epsilon_i

        with :math:`\epsilon_i` the max-norm distance from point i to its
        k-th neighbour.  Assumes a density; bias O(1/n) for smooth densities,
        larger in heavy tails and as d grows.  Computed on the data as given.
        A constant column raises; k + 1 equal points give ``-inf``.
    ``'gaussian'``
        .. math:: \hat h = \tfrac{d}{2}(1 + \log 2\pi) + \tfrac12\log\det\hat\Sigma

        the entropy of the fitted normal (covariance normalised by n - 1):
        exact for normal data up to an O(d^2/n) bias, an upper bound for
        other data with the same covariance.

    References
    ----------
    Kozachenko, L. F. & Leonenko, N. N. (1987). Probl. Inf. Transm. 23, 95-101.
    Kraskov, A., Stögbauer, H. & Grassberger, P. (2004). Phys. Rev. E 69, 066138.

    Examples
    --------
    >>> from infomeasures import samples
    >>> samples.entropy(["heads", "tails", "heads", "tails"])
    1.0
    >>> import scipy.stats
    >>> x = [1, 1, 2, 3, 3, 3]
    >>> bool(abs(samples.entropy(x) - scipy.stats.entropy([2, 1, 3], base=2)) < 1e-15)
    True

    Measurements: the standard normal has h = log(2 pi e) / 2 = 1.4189 nats
    (closed form); the spread of the estimate at n = 4000 is 0.018 (SD over
    40 seeds), and the check allows 4 of it.

    >>> import numpy as np
    >>> z = np.random.default_rng(0).normal(size=4000)
    >>> h = samples.entropy(z, estimator="kozachenko-leonenko", base=np.e)
    >>> bool(abs(h - np.log(2 * np.pi * np.e) / 2) < 0.07)
    True
    """
    return _estimate(
        "entropy",
        (x,),
        estimator=estimator,
        base=base,
        nan_policy=nan_policy,
        k=k,
        n_neighbors=n_neighbors,
        discrete=discrete,
    )


def joint_entropy(
    *variables,
    estimator: str = "plugin",
    base: float = 2,
    nan_policy: str = "raise",
    n_neighbors: int = 3,
    discrete: bool | Sequence[bool] | None = None,
) -> float:
    r"""Joint entropy H(X, Y, ...) of observed variables.

    Parameters
    ----------
    *variables : array_like of shape (n,) or (n, d), or one Counts
        Observed labels, one array per variable.
    estimator : str, default='plugin'
        See `entropy_from_counts`; applied to the joint counts.
    base : float, default=2
        Logarithm base.
    nan_policy : {'raise', 'omit'}, default='raise'
        Raise on missing labels (or NaN/inf in a continuous variable), or drop
        observations that have one.
    n_neighbors : int, default=3
        The number k of neighbours of the neighbour estimators
        (``'ksg'``, ``'kozachenko-leonenko'``, ``'knn'``); unused by the others.
    discrete : bool or sequence of bool, optional
        Which variables are discrete: one bool for all, or one per variable.
        By default a variable of floating dtype is continuous and any other
        (ints, bools, strings, categoricals) discrete.  The count estimators
        need discrete variables; ``True`` also says that floating values are
        labels, which silences `ContinuousDataWarning`.

    Returns
    -------
    float
        The estimate of H(X, Y, ...) in units of `base`; for continuous
        variables a differential entropy, which may be negative.

    See Also
    --------
    infomeasures.samples.entropy, infomeasures.samples.conditional_entropy
    infomeasures.joint_entropy : The joint entropy of a probability table.

    Notes
    -----
    .. math:: \hat H(X, Y, \ldots) = -\sum \frac{n_{xy\ldots}}{n}
              \log_b \frac{n_{xy\ldots}}{n}

    for the count estimators.  ``'kozachenko-leonenko'`` and ``'gaussian'``
    estimate the differential entropy of the continuous variables side by
    side, as one point of dimension :math:`d_x + d_y + \ldots` (see
    `entropy`).

    Examples
    --------
    >>> from infomeasures import samples
    >>> samples.joint_entropy([0, 0, 1, 1], [0, 1, 0, 1])
    2.0

    Two correlated normals (correlation 0.6): h = log(2 pi e) + log(1 - 0.36) / 2
    nats (closed form); the estimate's SD at n = 4000 is 0.018.

    >>> import numpy as np
    >>> rng = np.random.default_rng(1)
    >>> x = rng.normal(size=4000); y = 0.6 * x + 0.8 * rng.normal(size=4000)
    >>> h = samples.joint_entropy(x, y, estimator="gaussian", base=np.e)
    >>> bool(abs(h - (np.log(2 * np.pi * np.e) + np.log(0.64) / 2)) < 0.07)
    True
    """
    return _estimate(
        "joint_entropy",
        variables,
        estimator=estimator,
        base=base,
        nan_policy=nan_policy,
        n_neighbors=n_neighbors,
        discrete=discrete,
    )


def conditional_entropy(
    x,
    y=None,
    /,
    *,
    estimator: str = "plugin",
    base: float = 2,
    nan_policy: str = "raise",
    n_neighbors: int = 3,
    discrete: bool | Sequence[bool] | None = None,
) -> float:
    r"""Conditional entropy H(X | Y) from paired observations.

    Parameters
    ----------
    x, y : array_like of shape (n,) or (n, d)
        Paired observations; or a two-variable Counts as `x` alone.
    estimator : str, default='plugin'
        See `entropy_from_counts`.
    base : float, default=2
        Logarithm base.
    nan_policy : {'raise', 'omit'}, default='raise'
        Raise on missing labels, or drop observations that have one.
    n_neighbors : int, default=3
        The number k of neighbours of ``'ksg'``; unused by the others.
    discrete : bool or sequence of bool, optional
        Which variables are discrete: one bool for all, or one per variable.
        By default a variable of floating dtype is continuous and any other
        (ints, bools, strings, categoricals) discrete.  The count estimators
        need discrete variables; ``True`` also says that floating values are
        labels, which silences `ContinuousDataWarning`.

    Returns
    -------
    float
        The estimate of H(X | Y) in units of `base`.

    See Also
    --------
    infomeasures.samples.joint_entropy, infomeasures.samples.mutual_information
    infomeasures.conditional_entropy : The same of a probability table.

    Notes
    -----
    .. math:: \hat H(X \mid Y) = \sum_{x,y} \frac{n_{xy}}{n} \log_b \frac{n_y}{n_{xy}}

    for the plug-in (summed term by term, all terms non-negative); other
    count estimators give :math:`\hat H(X, Y) - \hat H(Y)`.  ``'ksg'``
    takes a discrete `x` and a continuous `y`:
    :math:`\hat H(X) - \hat I(X; Y)`, the plug-in entropy minus Ross's
    estimate of the mutual information (see `mutual_information`), so its
    bias is that of the MI estimate with the sign reversed; it is not
    clipped at 0.  A continuous `x` raises (its H(X | Y) is a differential
    entropy: use `joint_entropy` and `entropy`).

    References
    ----------
    Ross, B. C. (2014). Mutual information between discrete and continuous
    data sets. PLoS ONE 9, e87357.

    Examples
    --------
    >>> from infomeasures import samples
    >>> samples.conditional_entropy([0, 1, 0, 1], [0, 0, 1, 1])
    1.0
    >>> samples.conditional_entropy([0, 1, 0, 1], [0, 1, 0, 1])
    0.0

    A fair class with a normal measurement of standard deviation 1 around
    -2 or +2: H(X | Y) = 1 - I, with I = 0.9128 bits (numerical integration,
    ``scipy.integrate.quad``); the spread at n = 4000 is about
    0.006.

    >>> import numpy as np
    >>> rng = np.random.default_rng(2)
    >>> c = rng.integers(0, 2, 4000); m = 4.0 * c - 2 + rng.normal(size=4000)
    >>> bool(abs(samples.conditional_entropy(c, m, estimator="ksg") - (1 - 0.9128)) < 0.03)
    True
    """
    return _estimate(
        "conditional_entropy",
        (x, y),
        estimator=estimator,
        base=base,
        nan_policy=nan_policy,
        n_neighbors=n_neighbors,
        discrete=discrete,
    )


def mutual_information(
    x,
    y=None,
    /,
    *,
    estimator: str = "plugin",
    base: float = 2,
    nan_policy: str = "raise",
    n_neighbors: int = 3,
    discrete: bool | Sequence[bool] | None = None,
) -> float:
    r"""Mutual information I(X; Y) from paired observations.

    Parameters
    ----------
    x, y : array_like of shape (n,) or (n, d)
        Paired observations; or a two-variable Counts as `x` alone.
    estimator : str, default='plugin'
        See `entropy_from_counts`.
    base : float, default=2
        Logarithm base.
    nan_policy : {'raise', 'omit'}, default='raise'
        Raise on missing labels, or drop observations that have one.
    n_neighbors : int, default=3
        The number k of neighbours of ``'ksg'``; unused by the others.
    discrete : bool or sequence of bool, optional
        Which variables are discrete: one bool for all, or one per variable.
        By default a variable of floating dtype is continuous and any other
        (ints, bools, strings, categoricals) discrete.  The count estimators
        need discrete variables; ``True`` also says that floating values are
        labels, which silences `ContinuousDataWarning`.

    Returns
    -------
    float
        The estimate of I(X; Y) in units of `base`; the estimators other than
        the plug-in are not clipped at 0 (see Notes).

    See Also
    --------
    infomeasures.samples.conditional_mutual_information
    infomeasures.samples.mutual_information_test : A test of independence on this estimate.
    infomeasures.samples.mutual_information_matrix : The estimate for every pair of columns.
    infomeasures.mutual_information : The same of a probability table.
    infomeasures.metrics.mutual_info_score : The plug-in estimate, scikit-learn style.

    Notes
    -----
    The plug-in estimate is

    .. math:: \hat I(X; Y) = \frac{1}{N^2} \sum_{x,y}
              \left[m \log\frac{m}{d} - m + d\right], \quad
              m = N n_{xy},\ d = n_x n_y,

    (the :math:`-m + d` terms sum to zero), evaluated with m, d and m - d as
    exact integers and a series where m is close to d, so every term is
    non-negative and accurate: a nearly independent table such as
    [[1e6, 1e6], [1e6, 1e6 + 1]] gives its 4.5e-14 bits to a few ulps.  Other
    count estimators give :math:`\hat H(X) + \hat H(Y) - \hat H(X, Y)`, which
    may be slightly negative for independent variables (an unbiased estimate
    of 0 must sometimes be negative); it is not clipped.

    ``'ksg'`` (Kraskov, Stögbauer & Grassberger 2004, algorithm 1) for two
    continuous variables of any dimensions:

    .. math:: \hat I = \psi(n) + \psi(k) - \langle\psi(n_{x,i})\rangle
              - \langle\psi(n_{y,i})\rangle

    with :math:`\rho_i` the max-norm distance to the k-th neighbour in the
    joint space and :math:`n_{x,i}`, :math:`n_{y,i}` the points (i included)
    strictly within :math:`\rho_i` in each margin.  Each margin is first
    divided by its standard deviation (the value does not depend on units);
    tied points follow Gao, Kannan, Oh & Viswanath (2017): where
    :math:`\rho_i = 0` the counts are of the points equal to i, so repeated
    values give finite estimates without jitter.  When one variable is
    discrete it is Ross's (2014) estimator,
    :math:`\psi(n) - \langle\psi(n_{c_i})\rangle + \psi(k) -
    \langle\psi(m_i)\rangle` (neighbours searched within each class), and
    when both are discrete it is exactly the plug-in.  Assumes i.i.d. pairs
    with a joint density (or the mixtures above); bias O(1/n) near
    independence, growing (downward) with the MI and the dimension.  Not
    clipped: independent variables give values scattered around 0.

    ``'gaussian'``: :math:`\tfrac12(\log\det\hat\Sigma_x + \log\det\hat\Sigma_y
    - \log\det\hat\Sigma_{xy})` of a joint normal fit, for 1-D variables
    :math:`-\tfrac12\log(1-\hat r^2)`: exact for normal data (bias
    O(d^2/n)), a lower bound otherwise.  ``'gaussian-copula'`` is the same of
    the normal scores of each margin's ranks (Ince et al. 2017): a lower bound
    on the MI that is invariant to monotone transforms of the margins and
    robust to outliers.

    References
    ----------
    Kraskov, A., Stögbauer, H. & Grassberger, P. (2004). Estimating mutual
    information. Phys. Rev. E 69, 066138.
    Ross, B. C. (2014). PLoS ONE 9, e87357.
    Gao, W., Kannan, S., Oh, S. & Viswanath, P. (2017). Estimating mutual
    information for discrete-continuous mixtures. NeurIPS 30.
    Ince, R. A. A. et al. (2017). Human Brain Mapping 38, 1541-1573.

    Examples
    --------
    >>> from infomeasures import samples
    >>> samples.mutual_information(["a", "b", "a", "b"], [1, 2, 1, 2])
    1.0
    >>> samples.mutual_information([0, 0, 1, 1], [0, 1, 0, 1])
    0.0

    A bivariate normal with correlation 0.8 has I = -log(1 - 0.64) / 2 =
    0.5108 nats (closed form); the SD of the KSG estimate at n = 4000 is
    0.018 nats (0.012 for the Gaussian fit), measured over 40 seeds.

    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> x = rng.normal(size=4000); y = 0.8 * x + 0.6 * rng.normal(size=4000)
    >>> exact = -np.log(1 - 0.8**2) / 2
    >>> bool(abs(samples.mutual_information(x, y, estimator="ksg", base=np.e) - exact) < 0.08)
    True
    >>> bool(abs(samples.mutual_information(x, y, estimator="gaussian", base=np.e) - exact) < 0.05)
    True
    """
    return _estimate(
        "mutual_information",
        (x, y),
        estimator=estimator,
        base=base,
        nan_policy=nan_policy,
        n_neighbors=n_neighbors,
        discrete=discrete,
    )


def conditional_mutual_information(
    x,
    y=None,
    z=None,
    /,
    *,
    estimator: str = "plugin",
    base: float = 2,
    nan_policy: str = "raise",
    n_neighbors: int = 3,
    discrete: bool | Sequence[bool] | None = None,
) -> float:
    r"""Conditional mutual information I(X; Y | Z) from observations.

    Parameters
    ----------
    x, y, z : array_like of shape (n,) or (n, d)
        Observations; or a three-variable Counts as `x` alone.
    estimator : str, default='plugin'
        See `entropy_from_counts`.
    base : float, default=2
        Logarithm base.
    nan_policy : {'raise', 'omit'}, default='raise'
        Raise on missing labels, or drop observations that have one.
    n_neighbors : int, default=3
        The number k of neighbours of ``'ksg'``; unused by the others.
    discrete : bool or sequence of bool, optional
        Which variables are discrete: one bool for all, or one per variable.
        By default a variable of floating dtype is continuous and any other
        (ints, bools, strings, categoricals) discrete.  The count estimators
        need discrete variables; ``True`` also says that floating values are
        labels, which silences `ContinuousDataWarning`.

    Returns
    -------
    float
        The estimate of I(X; Y | Z) in units of `base`.

    See Also
    --------
    infomeasures.samples.mutual_information
    infomeasures.samples.mutual_information_test : A test of conditional independence.
    infomeasures.conditional_mutual_information : The same of a probability table.

    Notes
    -----
    .. math:: \hat I(X; Y \mid Z) = \sum_{x,y,z} \frac{n_{xyz}}{n}
              \log_b \frac{n_z n_{xyz}}{n_{xz} n_{yz}}

    for the plug-in, from exact integer residuals as in `mutual_information`;
    other count estimators give
    :math:`\hat H(X,Z) + \hat H(Y,Z) - \hat H(X,Y,Z) - \hat H(Z)`.

    ``'ksg'``: for continuous x, y, z the Frenzel-Pompe estimator

    .. math:: \hat I = \psi(k) - \langle\psi(n_{xz,i})\rangle
              - \langle\psi(n_{yz,i})\rangle + \langle\psi(n_{z,i})\rangle

    (max-norm ball of the k-th neighbour in the joint space, margins scaled
    to unit standard deviation, ties as in `mutual_information`).  With a
    discrete `z` it is :math:`\sum_z \hat p(z)\, \hat I(X; Y \mid Z = z)`, each
    class estimated on its own by the ``'ksg'`` rule of `mutual_information`
    (so every class needs more than `n_neighbors` observations, and the bias
    is that of KSG at the class sizes).  With one discrete `x` (or `y`) and a
    continuous `z` it is the chain rule :math:`\hat I(X; (Y, Z)) - \hat I(X; Z)`
    by Ross's estimator; two discrete `x`, `y` with a continuous `z` raise.
    All discrete: the plug-in.  ``'gaussian'``: the log-determinant form of
    a joint normal fit, :math:`-\tfrac12\log(1 - \rho_{xy\cdot z}^2)` for 1-D
    variables; ``'gaussian-copula'`` the same of the margins' normal scores.

    References
    ----------
    Frenzel, S. & Pompe, B. (2007). Partial mutual information for coupling
    analysis of multivariate time series. Phys. Rev. Lett. 99, 204101.
    Ince, R. A. A. et al. (2017). Human Brain Mapping 38, 1541-1573.

    Examples
    --------
    >>> from infomeasures import samples
    >>> x = [0, 0, 1, 1]; y = [0, 1, 0, 1]
    >>> z = [0, 1, 1, 0]  # x xor y
    >>> samples.conditional_mutual_information(x, y, z)
    1.0

    x and y driven by a common z, plus a direct link: the partial correlation
    is 0.5, so I(X; Y | Z) = -log(0.75) / 2 = 0.1438 nats (closed form); the
    estimate's SD at n = 4000 is 0.016.

    >>> import numpy as np
    >>> rng = np.random.default_rng(3)
    >>> z, e1, e2 = rng.normal(size=(3, 4000))
    >>> x = z + e1; y = z + 0.5 * e1 + np.sqrt(0.75) * e2
    >>> exact = -np.log(1 - 0.5**2) / 2
    >>> got = samples.conditional_mutual_information(x, y, z, estimator="ksg", base=np.e)
    >>> bool(abs(got - exact) < 0.065)
    True
    """
    return _estimate(
        "conditional_mutual_information",
        (x, y, z),
        estimator=estimator,
        base=base,
        nan_policy=nan_policy,
        n_neighbors=n_neighbors,
        discrete=discrete,
    )


# ------------------------------------------------------------------ significance
#
# The test prepares the variables once, as `_estimate` does, reports the
# estimator's own value as the statistic and hands the resampling engine a
# batched statistic: tables for the count estimators, index arrays for the
# point estimators (with KSG's prepared margins reused across permutations).


def _counted_table(data) -> np.ndarray:
    """Return the integer table t[x, y] or t[x, y, z] of prepared counts, over observed labels."""
    if isinstance(data, _Dense):
        return data.table
    found = [np.unique(c, return_inverse=True) for c in data.codes]
    sizes = [len(u) for u, _ in found]
    if math.prod(sizes) > MAX_CELLS:
        v.too_many_cells(sizes, MAX_CELLS)
    flat = np.ravel_multi_index(tuple(inv.ravel() for _, inv in found), sizes)
    # Float sums of int counts are exact below 2**53 (in-memory samples).
    table = np.bincount(flat, weights=data.cells, minlength=math.prod(sizes))
    return table.astype(np.int64).reshape(sizes)


def _point_statistic(path: _PointPath, row: _Measure, data: _Points, n_neighbors: int):
    """Return a `_resampling.SampleStatistic` of a point estimator: nats of re-indexed data.

    One estimator call per resample (each vectorised over the observations);
    for KSG of two continuous variables the margins are prepared once
    (`_neighbors.KSG`) and each permutation costs one joint neighbour query.
    """
    values = data.values
    prepared = None
    if path.name == "ksg" and row.name == "mutual_information":
        if all(isinstance(a, np.ndarray) for a in values):
            prepared = _neighbors.KSG(values[0], values[1], n_neighbors)

    def resampled(ix, iy_b, b):
        return tuple(
            _rows(a, iy_b) if i == 1 else (a if ix is None else _rows(a, ix[b]))
            for i, a in enumerate(values)
        )

    def statistic(ix, iy):
        if ix is None and prepared is not None:
            return np.array([prepared(perm) for perm in iy])
        return np.array(
            [
                path.nats(
                    row, _Points(resampled(ix, iy[b], b), data.names, iy.shape[1]), n_neighbors
                )
                for b in range(len(iy))
            ]
        )

    return statistic


def mutual_information_test(
    x,
    y=None,
    z=None,
    /,
    *,
    estimator: str = "plugin",
    method: str = "permutation",
    n_resamples: int = 9999,
    alternative: str = "greater",
    rng=None,
    base: float = 2,
    nan_policy: str = "raise",
    n_neighbors: int = 3,
    discrete: bool | Sequence[bool] | None = None,
    k: int | None = None,
):
    r"""Test the independence of X and Y (given Z) from paired observations.

    Parameters
    ----------
    x, y : array_like of shape (n,) or (n, d)
        Paired observations; or a two-variable `Counts` as `x` alone (a
        three-variable one for a conditional test).
    z : array_like of shape (n,) or (n, d), optional
        The conditioning variable: the test is then of conditional
        independence, with the statistic I(X; Y | Z).
    estimator : str, default='plugin'
        Any estimator of `mutual_information` (or of
        `conditional_mutual_information` when `z` is given): the count
        estimators and ``'ksg'``, ``'gaussian'``, ``'gaussian-copula'``.
    method : {'permutation', 'g-test'}, default='permutation'
        ``'g-test'`` is the asymptotic likelihood-ratio test of the plug-in
        estimate on counts.
    n_resamples : int, default=9999
        Resamples of the permutation null (ignored by the G-test).
    alternative : {'greater', 'less', 'two-sided'}, default='greater'
        Direction of the permutation test: 'greater' asks whether the
        estimate exceeds what independence gives.  The G-test takes only
        'greater'.
    rng : None, int or numpy.random.Generator, default=None
        Seed or generator, as in scipy; the same seed gives the same result.
    base : float, default=2
        Logarithm base of `statistic`, `null_distribution` and intervals.
    nan_policy : {'raise', 'omit'}, default='raise'
        Raise on missing values, or drop observations that have one.
    n_neighbors : int, default=3
        The number k of neighbours of ``'ksg'``; unused by the others.
    discrete : bool or sequence of bool, optional
        Which variables are discrete, as in `mutual_information`.
    k : int, optional
        Alphabet size for the count estimators that use it (``'nsb'``),
        applied to every entropy term; default the observed labels.

    Returns
    -------
    MutualInformationTestResult
        ``statistic`` (exactly what `mutual_information` or
        `conditional_mutual_information` returns for the same arguments),
        ``pvalue``, ``null_distribution`` (the statistic of each resample, in
        the same unit; None for the G-test), ``df`` (G-test degrees of
        freedom) and ``confidence_interval(confidence_level=0.95, *,
        n_resamples=9999, rng=None, method='BCa')``, a bootstrap interval of
        the estimate (multinomial tables for counts, observations drawn
        with replacement otherwise; 'BCa', 'percentile' or 'basic' as
        ``scipy.stats.bootstrap``).

    See Also
    --------
    infomeasures.samples.mutual_information, infomeasures.samples.conditional_mutual_information
    scipy.stats.chi2_contingency, scipy.stats.permutation_test

    Notes
    -----
    **Permutation** (any estimator).  Under independence the pairing of x
    with y carries no information, so the estimate of re-paired data is a
    draw from the null.  For counted data a re-pairing is a table with the
    observed margins: tables are drawn from the multivariate hypergeometric
    distribution (``scipy.stats.random_table``), per stratum of z, and the
    estimator is evaluated on whole batches of them, so once counted the cost
    does not depend on n.  For continuous data y is permuted among the
    observations; given a discrete z, within each class of z; given a
    continuous z, within small neighbourhoods of z (about 5 observations),
    Runge's (2018) local permutation.  An unconditional shuffle would destroy
    the y-z dependence that conditional independence keeps, and reject far
    too often.  With B resamples of which c are at least the estimate,

    .. math:: p = \frac{c + 1}{B + 1}

    (scipy's rule: never 0, and a valid p-value for any B).

    **G-test** (plug-in on counts).  The likelihood-ratio statistic

    .. math:: G = 2 N \hat I = 2 \sum_{x,y,z} n_{xyz}
              \ln \frac{n_z n_{xyz}}{n_{xz} n_{yz}}

    (nats) is asymptotically chi-squared with
    :math:`\sum_z (r_z - 1)(c_z - 1)` degrees of freedom, :math:`r_z, c_z` the
    non-empty rows and columns of stratum z.  For two variables it is
    ``scipy.stats.chi2_contingency(table, correction=False,
    lambda_="log-likelihood")``.  It needs no resampling but is unreliable
    when cells expect fewer than about 5 observations.

    References
    ----------
    Runge, J. (2018). Conditional independence testing based on a
    nearest-neighbor estimator of conditional mutual information. *AISTATS*.
    Patefield, W. M. (1981). Algorithm AS 159. *Applied Statistics* 30, 91-97.
    Virtanen, P. et al. (2020). SciPy 1.0. *Nature Methods* 17, 261-272
    (``scipy.stats.permutation_test``, ``bootstrap``, ``chi2_contingency``).

    Examples
    --------
    Dependent labels give a small p-value, at least 1 / (n_resamples + 1):

    >>> import numpy as np
    >>> from infomeasures import samples
    >>> rng = np.random.default_rng(0)
    >>> x = rng.integers(0, 3, 300); y = (x + (rng.random(300) < 0.3)) % 3
    >>> r = samples.mutual_information_test(x, y, n_resamples=999, rng=0)
    >>> r.statistic == samples.mutual_information(x, y)
    True
    >>> r.pvalue
    0.001

    The G-test is scipy's log-likelihood chi-squared test:

    >>> from scipy.stats import chi2_contingency
    >>> g = samples.mutual_information_test(x, y, method="g-test")
    >>> table = samples.counts(x, y).table
    >>> ref = chi2_contingency(table, correction=False, lambda_="log-likelihood")
    >>> bool(np.isclose(g.pvalue, ref.pvalue)), g.df == ref.dof
    (True, True)

    Independent measurements, tested with KSG:

    >>> a, b = np.random.default_rng(2).normal(size=(2, 200))
    >>> r = samples.mutual_information_test(a, b, estimator="ksg", n_resamples=199, rng=1)
    >>> r.pvalue
    0.9
    >>> low, high = r.confidence_interval(n_resamples=199, rng=0, method="percentile")
    >>> bool(low <= r.statistic <= high)
    True
    """
    # Imported here: scipy.stats (random_table) is not loaded until a test runs,
    # so the command line and `import infomeasures` start without it.
    from . import _resampling

    counted_input = isinstance(x, Counts)
    conditional = z is not None or (counted_input and x.ndim == 3)
    measure = "conditional_mutual_information" if conditional else "mutual_information"
    row = _MEASURES[measure]
    variables = (x, y, z) if conditional else (x, y)
    estimator = v.estimator_for(estimator, measure, _estimator_names(measure), tuple(_PATHS))
    path = _PATHS[estimator]
    counted = isinstance(path, _CountPath)
    method = v.resampling_method(method, estimator, counted=counted)
    alternative = v.alternative(alternative, method)
    n_resamples = v.n_resamples(n_resamples)
    gen = v.generator(rng)
    scale = v.log_base(base)
    v.choice(nan_policy, "nan_policy", v.NAN_POLICIES)
    n_neighbors = v.n_neighbors(n_neighbors)
    discrete = v.discrete_option(discrete, _names(row, variables))
    k = v.alphabet_option(k)
    data = path.prepare(row, variables, nan_policy, discrete)
    nats = path.nats(row, data, n_neighbors=n_neighbors, k=k)
    options = dict(n_resamples=n_resamples, alternative=alternative, rng=gen, scale=scale)
    if counted:
        statistic = _resampling.table_statistic(estimator, k)
        result = _resampling.table_test(
            _counted_table(data), statistic, method=method, observed=nats, **options
        )
    else:
        strata = None
        if conditional:
            zv = data.values[2]
            strata = (
                _resampling.permutation_strata(zv, discrete=False)
                if isinstance(zv, np.ndarray)
                else fz.offset_codes(zv)
            )
        statistic = _point_statistic(path, row, data, n_neighbors)
        # KSG reads the repeated points of a bootstrap sample as ties: half-samples instead.
        result = _resampling.sample_test(
            statistic, data.n, strata=strata, observed=nats, replace=estimator != "ksg", **options
        )
    result.statistic = v.to_units(nats, scale)
    return result


def cross_entropy(
    x,
    y,
    /,
    *,
    estimator: str = "plugin",
    base: float = 2,
    pseudocount: float = 0,
    nan_policy: str = "raise",
    n_neighbors: int = 3,
    discrete: bool | Sequence[bool] | None = None,
) -> float:
    r"""Cross-entropy H(P_x, P_y) of the empirical distributions of two samples.

    Parameters
    ----------
    x, y : array_like of shape (n_x,) and (n_y,), or one-variable Counts
        Two independent samples; their lengths may differ.
    estimator : str, default='plugin'
        ``'plugin'`` (the empirical distributions of labels; the only count
        estimator that defines this measure), or for continuous samples of
        shape (n_x, d) and (n_y, d) ``'knn'`` or ``'gaussian'``.
    base : float, default=2
        Logarithm base.
    pseudocount : float, default=0
        Added to the count of every label in the union of both samples before
        normalising (additive smoothing), so labels unseen in `y` do not give
        an infinite result.  Plug-in only.
    nan_policy : {'raise', 'omit'}, default='raise'
        Raise on missing labels (NaN/inf in continuous samples), or drop them.
    n_neighbors : int, default=3
        The number k of neighbours of the neighbour estimators
        (``'ksg'``, ``'kozachenko-leonenko'``, ``'knn'``); unused by the others.
    discrete : bool or sequence of bool, optional
        Which variables are discrete: one bool for all, or one per variable.
        By default a variable of floating dtype is continuous and any other
        (ints, bools, strings, categoricals) discrete.  The count estimators
        need discrete variables; ``True`` also says that floating values are
        labels, which silences `ContinuousDataWarning`.

    Returns
    -------
    float
        ``inf`` if a label of `x` never occurs in `y` and ``pseudocount=0``.

    See Also
    --------
    infomeasures.samples.kl_divergence, infomeasures.samples.entropy
    infomeasures.cross_entropy : The same of two probability arrays.

    Notes
    -----
    .. math:: H(P_x, P_y) = -\sum_a \hat p_x(a) \log_b \hat p_y(a), \quad
              \hat p(a) = \frac{n(a) + \alpha}{n + \alpha K}

    over the K labels of the union, with α the pseudocount.  For continuous
    samples, ``'knn'`` is the k-NN density estimate of q at the points of x
    (Leonenko, Pronzato & Savani 2008; the cross term of Wang, Kulkarni &
    Verdú 2009),

    .. math:: \hat H(P, Q) = \log n_y - \psi(k) + d \log 2
              + \frac{d}{n_x}\sum_i \log \nu_k(i),

    :math:`\nu_k(i)` the max-norm distance from :math:`x_i` to its k-th
    neighbour in y (asymptotically unbiased; assumes densities; a point of x
    with k copies in y raises); ``'gaussian'`` the closed form between the
    fitted normals.

    References
    ----------
    Leonenko, N., Pronzato, L. & Savani, V. (2008). Ann. Statist. 36, 2153-2182.
    Wang, Q., Kulkarni, S. R. & Verdú, S. (2009). IEEE Trans. Inf. Theory 55,
    2392-2405.

    Examples
    --------
    >>> from infomeasures import samples
    >>> samples.cross_entropy(["a", "b"], ["a", "b", "b", "b"])
    1.207518749639422
    >>> samples.cross_entropy(["a", "c"], ["a", "b"])
    inf

    N(0, 1) against N(1, 1): H(P, Q) = log(2 pi) / 2 + 1 = 1.9189 nats
    (closed form); the estimate's SD at n = 4000 is 0.029.

    >>> import numpy as np
    >>> rng = np.random.default_rng(4)
    >>> p, q = rng.normal(0, 1, 4000), rng.normal(1, 1, 4000)
    >>> h = samples.cross_entropy(p, q, estimator="knn", base=np.e)
    >>> bool(abs(h - (np.log(2 * np.pi) / 2 + 1)) < 0.12)
    True
    """
    return _estimate(
        "cross_entropy",
        (x, y),
        estimator=estimator,
        base=base,
        nan_policy=nan_policy,
        pseudocount=pseudocount,
        n_neighbors=n_neighbors,
        discrete=discrete,
    )


def kl_divergence(
    x,
    y,
    /,
    *,
    estimator: str = "plugin",
    base: float = 2,
    pseudocount: float = 0,
    nan_policy: str = "raise",
    n_neighbors: int = 3,
    discrete: bool | Sequence[bool] | None = None,
) -> float:
    r"""KL divergence D(P_x ‖ P_y) of the empirical distributions of two samples.

    Parameters
    ----------
    x, y : array_like of shape (n_x,) and (n_y,), or one-variable Counts
        Two independent samples; their lengths may differ.
    estimator : str, default='plugin'
        ``'plugin'`` (the empirical distributions of labels; the only count
        estimator that defines this measure), or for continuous samples of
        shape (n_x, d) and (n_y, d) ``'knn'`` or ``'gaussian'``.
    base : float, default=2
        Logarithm base.
    pseudocount : float, default=0
        Added to the count of every label in the union (additive smoothing).
        Plug-in only.
    nan_policy : {'raise', 'omit'}, default='raise'
        Raise on missing labels (NaN/inf in continuous samples), or drop them.
    n_neighbors : int, default=3
        The number k of neighbours of the neighbour estimators
        (``'ksg'``, ``'kozachenko-leonenko'``, ``'knn'``); unused by the others.
    discrete : bool or sequence of bool, optional
        Which variables are discrete: one bool for all, or one per variable.
        By default a variable of floating dtype is continuous and any other
        (ints, bools, strings, categoricals) discrete.  The count estimators
        need discrete variables; ``True`` also says that floating values are
        labels, which silences `ContinuousDataWarning`.

    Returns
    -------
    float
        ``inf`` if a label of `x` never occurs in `y` and ``pseudocount=0``.

    See Also
    --------
    infomeasures.samples.cross_entropy, infomeasures.samples.js_divergence
    infomeasures.kl_divergence : The same of two probability arrays.

    Notes
    -----
    .. math:: D(P_x \| P_y) = \sum_a \hat p_x(a) \log_b \frac{\hat p_x(a)}{\hat p_y(a)}

    Without a pseudocount it is evaluated from exact integers,
    :math:`\frac{1}{n_x n_y}\sum_a [m \log(m/d) - m + d]` with
    :math:`m = n_x(a)\, n_y`, :math:`d = n_y(a)\, n_x`, so samples with nearly
    equal frequencies give a tiny divergence accurate to a few ulps.

    For continuous samples ``'knn'`` is Wang, Kulkarni & Verdú (2009), eq. 5:

    .. math:: \hat D = \frac{d}{n_x}\sum_i \log\frac{\nu_k(i)}{\rho_k(i)}
              + \log\frac{n_y}{n_x - 1}

    :math:`\rho_k(i)` the distance from :math:`x_i` to its k-th neighbour
    among the other x, :math:`\nu_k(i)` among y; the last term corrects for
    unequal sample sizes.  Asymptotically unbiased, assumes densities (a
    point with k equal copies raises), does not depend on units.
    ``'gaussian'`` is the closed form between the fitted normals, exact for
    normal samples.

    References
    ----------
    Wang, Q., Kulkarni, S. R. & Verdú, S. (2009). Divergence estimation for
    multidimensional densities via k-nearest-neighbor distances. IEEE Trans.
    Inf. Theory 55, 2392-2405.

    Examples
    --------
    >>> from infomeasures import samples
    >>> samples.kl_divergence(["a", "b"], ["a", "b", "b", "b"])
    0.2075187496394219
    >>> samples.kl_divergence([1, 2, 2], [2, 1, 2])
    0.0

    N(0, 1) against N(1, 1): D = 1/2 nat (closed form); the estimate's SD at
    n = 4000 is 0.027.

    >>> import numpy as np
    >>> rng = np.random.default_rng(5)
    >>> p, q = rng.normal(0, 1, 4000), rng.normal(1, 1, 4000)
    >>> bool(abs(samples.kl_divergence(p, q, estimator="knn", base=np.e) - 0.5) < 0.11)
    True
    """
    return _estimate(
        "kl_divergence",
        (x, y),
        estimator=estimator,
        base=base,
        nan_policy=nan_policy,
        pseudocount=pseudocount,
        n_neighbors=n_neighbors,
        discrete=discrete,
    )


def js_divergence(x, y, /, *, base: float = 2, nan_policy: str = "raise") -> float:
    r"""Jensen-Shannon divergence of the empirical distributions of two samples.

    Parameters
    ----------
    x, y : array_like of shape (n_x,) and (n_y,), or one-variable Counts
        Two independent samples; their lengths may differ.
    base : float, default=2
        Logarithm base; in bits the result lies in [0, 1].
    nan_policy : {'raise', 'omit'}, default='raise'
        Raise on missing labels, or drop them.

    Returns
    -------
    float
        The plug-in JS divergence of the two samples' label frequencies, in
        units of `base`.

    See Also
    --------
    infomeasures.samples.kl_divergence
    infomeasures.js_divergence : The same of two probability arrays.

    Notes
    -----
    .. math:: JS = \tfrac12 D(P_x \| M) + \tfrac12 D(P_y \| M), \quad
              M = \tfrac12 (P_x + P_y)

    Examples
    --------
    >>> from infomeasures import samples
    >>> samples.js_divergence(["a", "a"], ["b", "b", "b"])
    1.0
    """
    return _estimate("js_divergence", (x, y), estimator="plugin", base=base, nan_policy=nan_policy)


# Measures of many variables.  Each is a signed sum of entropies of groups of
# its variables (a row of `_MEASURES`), so every count estimator evaluates it,
# and "gaussian" does with Gaussian entropies.  Not "kozachenko-leonenko": its
# entropies of groups of different dimensions have biases of different sizes
# that do not cancel in the sum (the reason the KSG estimator exists), so the
# sum would be dominated by them near independence.


def total_correlation(
    *variables,
    estimator: str = "plugin",
    base: float = 2,
    nan_policy: str = "raise",
    discrete: bool | Sequence[bool] | None = None,
) -> float:
    r"""Total correlation (Watanabe's multi-information) of observed variables.

    Parameters
    ----------
    *variables : array_like of shape (n,) or (n, d), or one Counts
        Two or more variables observed together (one array each, all of
        length n), or one `Counts` with an axis per variable.
    estimator : str, default='plugin'
        A count estimator (see `entropy_from_counts`), or ``'gaussian'`` for
        continuous variables.
    base : float, default=2
        Logarithm base.
    nan_policy : {'raise', 'omit'}, default='raise'
        Raise on missing labels, or drop observations that have one.
    discrete : bool or sequence of bool, optional
        Which variables are discrete (one bool, or one per variable); by
        default floating variables are continuous and the others discrete.

    Returns
    -------
    float
        :math:`\hat C \ge 0` for the plug-in; other estimators may dip below
        0 for independent variables.

    See Also
    --------
    infomeasures.samples.dual_total_correlation
    infomeasures.samples.o_information
    infomeasures.total_correlation

    Notes
    -----
    .. math:: C(X_1; \ldots; X_n) = \sum_{i=1}^n H(X_i) - H(X_1, \ldots, X_n)

    Each entropy is estimated by `estimator`.  The plug-in value is the total
    correlation of the empirical joint distribution, a KL divergence, so it
    is non-negative by theorem and is clipped at 0 after summation (rounding
    may leave an ulp below); other count estimators are returned unclipped,
    as `mutual_information` does.  ``'gaussian'`` sums the entropies of a
    normal fit, :math:`-\tfrac12\log\det\hat R` for 1-D variables with
    correlation matrix :math:`\hat R`.  ``'kozachenko-leonenko'`` is not
    offered: its entropies of groups of different dimensions have biases of
    different sizes that do not cancel in the sum (the reason KSG exists for
    the mutual information); bin measurements with `discretize` instead.
    The cost follows the observed joint outcomes (at most n), not the
    product of the alphabets.

    References
    ----------
    Watanabe, S. (1960). Information theoretical analysis of multivariate
    correlation. IBM Journal of Research and Development 4(1), 66-82.

    Examples
    --------
    Three copies of a fair bit share 1 bit, counted twice (closed form 2):

    >>> from infomeasures import samples
    >>> x = [0, 1, 0, 1, 1, 0]
    >>> samples.total_correlation(x, x, x)
    2.0
    >>> samples.total_correlation([0, 0, 1, 1], [0, 1, 0, 1])  # independent
    0.0
    """
    return _estimate(
        "total_correlation",
        variables,
        estimator=estimator,
        base=base,
        nan_policy=nan_policy,
        discrete=discrete,
    )


def dual_total_correlation(
    *variables,
    estimator: str = "plugin",
    base: float = 2,
    nan_policy: str = "raise",
    discrete: bool | Sequence[bool] | None = None,
) -> float:
    r"""Dual total correlation (binding information) of observed variables.

    Parameters
    ----------
    *variables : array_like of shape (n,) or (n, d), or one Counts
        Two or more variables observed together, or one `Counts` with an
        axis per variable.
    estimator : str, default='plugin'
        A count estimator (see `entropy_from_counts`), or ``'gaussian'``.
    base : float, default=2
        Logarithm base.
    nan_policy : {'raise', 'omit'}, default='raise'
        Raise on missing labels, or drop observations that have one.
    discrete : bool or sequence of bool, optional
        Which variables are discrete (one bool, or one per variable).

    Returns
    -------
    float
        :math:`\hat B \ge 0` for the plug-in.

    See Also
    --------
    infomeasures.samples.total_correlation
    infomeasures.samples.o_information
    infomeasures.dual_total_correlation

    Notes
    -----
    .. math:: B = H(X_1, \ldots, X_n) - \sum_{i=1}^n H(X_i \mid X_{-i})
              = \sum_{i=1}^n H(X_{-i}) - (n - 1)\, H(X_1, \ldots, X_n)

    with :math:`X_{-i}` every variable but :math:`X_i`.  The plug-in value
    is the binding information of the empirical distribution, non-negative
    by theorem (Han 1978), and is clipped at 0 after summation; other
    estimators are not clipped.  The n terms :math:`H(X_{-i})` are counted
    from the codes of the observed joint outcomes, factorised once.

    References
    ----------
    Han, T. S. (1978). Nonnegative entropy measures of multivariate symmetric
    correlations. Information and Control 36(2), 133-156.

    Examples
    --------
    X, Y fair bits and Z = X xor Y: any two determine the third, so the
    2 bits of the joint are all bound (closed form):

    >>> from infomeasures import samples
    >>> x = [0, 0, 1, 1]; y = [0, 1, 0, 1]; z = [0, 1, 1, 0]
    >>> samples.dual_total_correlation(x, y, z)
    2.0
    """
    return _estimate(
        "dual_total_correlation",
        variables,
        estimator=estimator,
        base=base,
        nan_policy=nan_policy,
        discrete=discrete,
    )


def o_information(
    *variables,
    estimator: str = "plugin",
    base: float = 2,
    nan_policy: str = "raise",
    discrete: bool | Sequence[bool] | None = None,
) -> float:
    r"""O-information of observed variables: redundancy minus synergy.

    Parameters
    ----------
    *variables : array_like of shape (n,) or (n, d), or one Counts
        Three or more variables observed together, or one `Counts` with an
        axis per variable.
    estimator : str, default='plugin'
        A count estimator (see `entropy_from_counts`), or ``'gaussian'``.
    base : float, default=2
        Logarithm base.
    nan_policy : {'raise', 'omit'}, default='raise'
        Raise on missing labels, or drop observations that have one.
    discrete : bool or sequence of bool, optional
        Which variables are discrete (one bool, or one per variable).

    Returns
    -------
    float
        :math:`\hat\Omega`: positive when redundancy dominates, negative when
        synergy does.

    See Also
    --------
    infomeasures.samples.total_correlation
    infomeasures.samples.dual_total_correlation
    infomeasures.samples.interaction_information
    infomeasures.o_information

    Notes
    -----
    .. math:: \Omega = C - B = (n - 2)\, H(X_1, \ldots, X_n)
              + \sum_{i=1}^n \left[H(X_i) - H(X_{-i})\right]

    One signed sum of 2n + 1 entropies, each estimated by `estimator`, so
    ``o_information == total_correlation - dual_total_correlation`` up to
    rounding.  For three variables it equals the co-information.  The cost
    grows with n and the number of variables (one sort of the observed
    outcomes per :math:`H(X_{-i})`), not with the product of the alphabets:
    ten variables of ten labels each work from at most n outcomes although a
    dense table would hold 10^10 cells.

    References
    ----------
    Rosas, F., Mediano, P. A. M., Gastpar, M. & Jensen, H. J. (2019).
    Quantifying high-order interdependencies via multivariate extensions of
    the mutual information. Physical Review E 100, 032305.

    Examples
    --------
    Copies of a bit are redundant (+1 bit), XOR is synergistic (-1 bit),
    both closed forms:

    >>> from infomeasures import samples
    >>> x = [0, 0, 1, 1]; y = [0, 1, 0, 1]; z = [0, 1, 1, 0]
    >>> samples.o_information(x, x, x)
    1.0
    >>> samples.o_information(x, y, z)
    -1.0
    """
    return _estimate(
        "o_information",
        variables,
        estimator=estimator,
        base=base,
        nan_policy=nan_policy,
        discrete=discrete,
    )


def co_information(
    *variables,
    estimator: str = "plugin",
    base: float = 2,
    nan_policy: str = "raise",
    discrete: bool | Sequence[bool] | None = None,
) -> float:
    r"""Co-information (Bell 2003) of observed variables.

    Parameters
    ----------
    *variables : array_like of shape (n,) or (n, d), or one Counts
        Two or more variables observed together, or one `Counts` with an
        axis per variable.
    estimator : str, default='plugin'
        A count estimator (see `entropy_from_counts`), or ``'gaussian'``.
    base : float, default=2
        Logarithm base.
    nan_policy : {'raise', 'omit'}, default='raise'
        Raise on missing labels, or drop observations that have one.
    discrete : bool or sequence of bool, optional
        Which variables are discrete (one bool, or one per variable).

    Returns
    -------
    float
        Any sign for three or more variables.

    See Also
    --------
    infomeasures.samples.interaction_information
    infomeasures.samples.o_information
    infomeasures.co_information

    Notes
    -----
    .. math:: I(X_1; \ldots; X_n) = -\sum_{\emptyset \ne S \subseteq
              \{1..n\}} (-1)^{|S|}\, H(X_S)

    For two variables it is I(X; Y); for three, I(X; Y) - I(X; Y | Z), so
    XOR gives -1 bit.  It sums :math:`2^n - 1` estimated entropies, so its
    cost doubles with each variable.

    References
    ----------
    Bell, A. J. (2003). The co-information lattice. Proceedings of ICA 2003,
    921-926.

    Examples
    --------
    >>> from infomeasures import samples
    >>> x = [0, 0, 1, 1]; y = [0, 1, 0, 1]
    >>> samples.co_information(x, y, [0, 1, 1, 0])  # z = x xor y
    -1.0
    >>> samples.co_information(x, x, x)  # copies: redundancy
    1.0
    """
    return _estimate(
        "co_information",
        variables,
        estimator=estimator,
        base=base,
        nan_policy=nan_policy,
        discrete=discrete,
    )


def interaction_information(
    *variables,
    estimator: str = "plugin",
    base: float = 2,
    nan_policy: str = "raise",
    discrete: bool | Sequence[bool] | None = None,
) -> float:
    r"""Interaction information (McGill 1954) of observed variables, in dit's sign.

    Parameters
    ----------
    *variables : array_like of shape (n,) or (n, d), or one Counts
        Two or more variables observed together, or one `Counts` with an
        axis per variable.
    estimator : str, default='plugin'
        A count estimator (see `entropy_from_counts`), or ``'gaussian'``.
    base : float, default=2
        Logarithm base.
    nan_policy : {'raise', 'omit'}, default='raise'
        Raise on missing labels, or drop observations that have one.
    discrete : bool or sequence of bool, optional
        Which variables are discrete (one bool, or one per variable).

    Returns
    -------
    float
        :math:`(-1)^n` times the co-information: for three variables
        I(X; Y | Z) - I(X; Y), positive for synergy.

    See Also
    --------
    infomeasures.samples.co_information
    infomeasures.samples.o_information
    infomeasures.samples.conditional_mutual_information
    infomeasures.interaction_information

    Notes
    -----
    .. math:: II(X_1; \ldots; X_n) = (-1)^n\, I(X_1; \ldots; X_n)
              = \sum_{\emptyset \ne S \subseteq \{1..n\}}
                (-1)^{n - |S| + 1} H(X_S)

    the sign used by dit and by Jakulin & Bratko (2003), so XOR gives +1 bit.

    References
    ----------
    McGill, W. J. (1954). Multivariate information transmission.
    Psychometrika 19(2), 97-116.
    Jakulin, A. & Bratko, I. (2003). Quantifying and visualizing attribute
    interactions. arXiv:cs/0308002.

    Examples
    --------
    >>> from infomeasures import samples
    >>> x = [0, 0, 1, 1]; y = [0, 1, 0, 1]
    >>> samples.interaction_information(x, y, [0, 1, 1, 0])  # z = x xor y
    1.0
    >>> samples.interaction_information(x, x, x)  # copies
    -1.0
    """
    return _estimate(
        "interaction_information",
        variables,
        estimator=estimator,
        base=base,
        nan_policy=nan_policy,
        discrete=discrete,
    )


def mutual_information_matrix(
    data,
    *,
    target=None,
    method: str = "pairwise",
    estimator: str = "plugin",
    base: float = 2,
    nan_policy: str = "raise",
    n_neighbors: int = 3,
    discrete: bool | Sequence[bool] | None = None,
):
    r"""Mutual information between every pair of columns, or of each column with a target.

    Parameters
    ----------
    data : array_like of shape (n, m), or pandas DataFrame
        Observations in rows, one variable per column; the columns of a
        DataFrame keep their own dtypes.
    target : array_like of shape (n,), optional
        If given, the result is I(column; target) for each column instead.
    method : {'pairwise', 'conditional'}, default='pairwise'
        ``'pairwise'``: entry (i, j) is I(X_i; X_j).  ``'conditional'``:
        I(X_i; X_j | every other column) (with `target`, I(X_i; target |
        every other column)), for the count estimators only.
    estimator : str, default='plugin'
        Any estimator of `mutual_information`: a count estimator, or
        ``'ksg'``, ``'gaussian'``, ``'gaussian-copula'`` (``'pairwise'``
        only).
    base : float, default=2
        Logarithm base.
    nan_policy : {'raise', 'omit'}, default='raise'
        Raise on missing values, or drop them: pair by pair for
        ``'pairwise'`` (each entry uses the rows in which both of its
        variables are present, as `pandas.DataFrame.corr` does), and every
        row with a missing value for ``'conditional'`` (each entry involves
        all columns).
    n_neighbors : int, default=3
        The number k of neighbours of ``'ksg'``.
    discrete : bool or sequence of bool, optional
        One bool for every column (and the target), or one per column (the
        target then follows its dtype); by default floating columns are
        continuous and the others discrete.

    Returns
    -------
    ndarray of shape (m, m) or (m,), or pandas DataFrame or Series
        Labelled by the columns of a DataFrame.  The matrix is symmetric; its
        diagonal is I(X; X): the entropy H(X) for a discrete column (by the
        estimator for the count estimators, the plug-in otherwise), and
        ``inf`` for a continuous one, which carries unbounded information
        about itself.  With ``'conditional'`` the diagonal is
        H(X_i | every other column).

    Raises
    ------
    ValueError
        ``method='conditional'`` with an estimator that is not a count
        estimator.

    Warns
    -----
    ContinuousDataWarning
        A count estimator given a floating column most of whose values are
        distinct (see `ContinuousDataWarning`).

    See Also
    --------
    infomeasures.samples.mutual_information : The measure of one pair, and its estimators.
    infomeasures.samples.conditional_mutual_information : The measure of one pair given others.

    Notes
    -----
    ``'pairwise'``: entry (i, j) is :math:`\hat I(X_i; X_j)`, exactly as
    ``mutual_information(data[:, i], data[:, j], ...)`` gives it; each
    column is factorised once for the count estimators and every pair is
    then counted from the codes.

    ``'conditional'``: with :math:`R` every column but i and j,

    .. math:: \hat I(X_i; X_j \mid R) = \hat H(X_{-j}) + \hat H(X_{-i})
              - \hat H(X_1, \ldots, X_m) - \hat H(X_{-ij})

    (the plug-in clipped at 0 after summation, a theorem there).  It is
    feasible for labels, that is for the count estimators: all columns are
    counted once into their observed joint outcomes (at most n, whatever
    the product of the alphabets) and the :math:`m(m-1)/2 + m + 1`
    entropies are read from them.  The continuous estimators raise: their
    entropies of groups of different dimensions do not share a bias that
    cancels, and a KSG estimate per pair conditioned on m - 2 dimensions is
    not reliable.  Conditioning on many columns leaves few observations per
    combination of their labels, so the estimate falls toward 0 unless n is
    much larger than the number of observed combinations of the other
    columns: a measure for small tables.

    Examples
    --------
    >>> import numpy as np
    >>> from infomeasures import samples
    >>> data = np.array([[0, 0, 1], [0, 1, 1], [1, 0, 0], [1, 1, 0]])
    >>> samples.mutual_information_matrix(data)
    array([[1., 0., 1.],
           [0., 1., 0.],
           [1., 0., 1.]])
    >>> samples.mutual_information_matrix(data, target=[0, 0, 1, 1])
    array([1., 0., 1.])

    XOR: X and Y are independent, but given Z = X xor Y each determines the
    other (1 bit, closed form).

    >>> xor = np.array([[0, 0, 0], [0, 1, 1], [1, 0, 1], [1, 1, 0]])
    >>> samples.mutual_information_matrix(xor, method="conditional")
    array([[0., 1., 1.],
           [1., 0., 1.],
           [1., 1., 0.]])

    Continuous columns under ``'ksg'``: a bivariate normal with correlation
    0.8 against independent noise (I = -log(1 - 0.64) / 2 = 0.51 nats and 0,
    closed forms).

    >>> rng = np.random.default_rng(0)
    >>> x = rng.normal(size=2000)
    >>> table = np.column_stack([x, 0.8 * x + 0.6 * rng.normal(size=2000), rng.normal(size=2000)])
    >>> m = samples.mutual_information_matrix(table, estimator="ksg", base=np.e)
    >>> bool(abs(m[0, 1] - 0.51) < 0.08 and abs(m[0, 2]) < 0.05), float(m[0, 0])
    (True, inf)
    """
    method = v.choice(method, "method", ("pairwise", "conditional"))
    estimator = v.estimator_for(
        estimator, "mutual_information", _estimator_names("mutual_information"), tuple(_PATHS)
    )
    scale = v.log_base(base)
    v.choice(nan_policy, "nan_policy", v.NAN_POLICIES)
    v.n_neighbors(n_neighbors)
    count_path = isinstance(_PATHS[estimator], _CountPath)
    if method == "conditional" and not count_path:
        v.conditional_matrix_estimator(
            estimator, tuple(e for e, p in _PATHS.items() if isinstance(p, _CountPath))
        )
    columns, labels = _columns(data)
    target_name = getattr(target, "name", None)
    names = (
        tuple(f"data[{c!r}]" for c in labels)
        if labels is not None
        else tuple(f"data[:, {j}]" for j in range(len(columns)))
    )
    flags = v.discrete_option(discrete, names)
    target_flag = discrete if isinstance(discrete, (bool, np.bool_)) else None
    options = {"estimator": estimator, "base": base, "nan_policy": nan_policy}
    if count_path:
        guard = not _check_discrete(estimator, names, flags)
        columns = [
            _label_codes(c, name, nan_policy, guard)
            for c, name in zip(columns, names, strict=True)
        ]
        flags = (True,) * len(columns)
        if target is not None:
            target, target_flag = _label_codes(target, "target", nan_policy, guard), True
    else:
        options["n_neighbors"] = n_neighbors
        if flags is None:
            flags = tuple(_discrete_by_dtype(c) for c in columns)
    if method == "conditional":
        result = _conditional_matrix(columns, target, names, _PATHS[estimator], scale)
    elif target is not None:
        if target_flag is None:
            target_flag = _discrete_by_dtype(target)
        result = _target_column(columns, flags, target, target_flag, options, names)
    else:
        result = _pairwise_matrix(columns, flags, options, names)
    return _labelled(result, labels, target_name)


def _pair_mi(a, b, da: bool, db: bool, options, names) -> float:
    return _estimate("mutual_information", (a, b), discrete=(da, db), names=names, **options)


def _target_column(columns, flags, target, target_flag: bool, options, names) -> np.ndarray:
    """I(column; target) for each column."""
    return np.array(
        [
            _pair_mi(c, target, d, target_flag, options, (name, "target"))
            for c, d, name in zip(columns, flags, names, strict=True)
        ]
    )


def _pairwise_matrix(columns, flags, options, names) -> np.ndarray:
    """I(X_i; X_j) for every pair, H(X_i) (or inf) on the diagonal."""
    m = len(columns)
    result = np.empty((m, m))
    for i in range(m):  # a loop over pairs of columns, not over observations
        result[i, i] = _self_information(columns[i], flags[i], options, names[i])
        for j in range(i + 1, m):
            result[i, j] = result[j, i] = _pair_mi(
                columns[i], columns[j], flags[i], flags[j], options, (names[i], names[j])
            )
    return result


def _conditional_matrix(columns, target, names, path: _CountPath, scale: float) -> np.ndarray:
    """I(X_i; X_j | the other columns) from one count of all of them (codes of `_label_codes`).

    Rows with a missing label (NaN codes, under nan_policy='omit') are dropped
    together, as every entry involves every column.
    """
    variables = [*columns, *(() if target is None else (target,))]
    missing = [np.isnan(c) for c in variables if c.dtype.kind == "f"]
    if missing:
        keep = ~np.logical_or.reduce(missing)
        variables = [c[keep] for c in variables]
    codes = [c.astype(np.int64, copy=False) for c in variables]
    table = _observe(codes, (*names, "target")[: len(codes)], "raise")
    if table.n == 0:
        v.no_observations(["data"])
    axes = tuple(range(table.ndim))
    entropies: dict[tuple[int, ...], float] = {}

    def h(*drop) -> float:
        group = tuple(a for a in axes if a not in drop)
        if group not in entropies:
            entropies[group] = path.entropy(table.observed(group)) if group else 0.0
        return entropies[group]

    def cmi(i: int, j: int) -> float:
        nats = math.fsum((h(j), h(i), -h(), -h(i, j)))
        # The plug-in CMI is that of the empirical distribution: >= 0 by theorem.
        return max(nats, 0.0) if path.name == "plugin" else nats

    m = len(columns)
    if target is not None:
        return np.array([v.to_units(cmi(i, m), scale) for i in range(m)])
    result = np.empty((m, m))
    for i in range(m):  # a loop over pairs of columns, not over observations
        # I(X_i; X_i | rest) = H(X_i | rest) = H(all) - H(X_-i)
        result[i, i] = v.to_units(h() - h(i), scale)
        for j in range(i + 1, m):
            result[i, j] = result[j, i] = v.to_units(cmi(i, j), scale)
    return result


def _labelled(result: np.ndarray, labels, target_name):
    """Return the result as a DataFrame (or Series) labelled by the DataFrame's columns."""
    if labels is None:
        return result
    import pandas as pd

    if result.ndim == 1:
        return pd.Series(result, index=labels, name=target_name)
    return pd.DataFrame(result, index=labels, columns=labels)


def _columns(data):
    """Return the columns of a 2-D array or DataFrame, and the DataFrame's column labels."""
    if hasattr(data, "columns") and hasattr(data, "iloc"):  # a pandas DataFrame
        if data.shape[1] == 0:
            v.table_data(data)
        return [data.iloc[:, j] for j in range(data.shape[1])], list(data.columns)
    arr = v.ragged_checked(data, "data")
    if arr.ndim != 2 or arr.shape[1] == 0:
        v.table_data(data)
    return [arr[:, j] for j in range(arr.shape[1])], None


def _label_codes(x, name: str, nan_policy: str, guard: bool) -> np.ndarray:
    """Factorise a column once: int codes, or float codes with NaN where a label is missing."""
    found = fz.labels(x, name)
    if found.missing is not None:
        if nan_policy == "raise":
            v.missing_values(found.missing, name)
        found = found._replace(values=found.values[~found.missing])
    n = len(found.values)
    part = fz.factorize(found, _counts.small_table(n))
    if guard:
        _guard((_observed_labels(part),), (name,), n)
    codes = fz.offset_codes(part)
    if found.missing is None:
        return codes
    out = np.full(found.missing.size, np.nan)
    out[~found.missing] = codes
    return out


def _self_information(x, discrete: bool, options, name: str) -> float:
    """I(X; X): H(X) for a discrete column, inf for a continuous one."""
    if not discrete:
        return math.inf
    count_path = isinstance(_PATHS[options["estimator"]], _CountPath)
    est = options["estimator"] if count_path else "plugin"
    return _estimate(
        "entropy",
        (x,),
        estimator=est,
        base=options["base"],
        nan_policy=options["nan_policy"],
        discrete=(True,),
        names=(name,),
    )
