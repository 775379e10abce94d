"""Every public name of infomeasures, with valid arguments and the properties it has.

One `Entry` per public callable: the callable, valid example arguments, the
role of each data argument (what kind of array it is, which decides how the
common test attacks it), the valid alternatives of each option, and the
property sets that `test_properties.py` loops over.  A property maps to the
keyword variants under which it holds: for the `samples` measures, one
``{"estimator": name}`` per estimator for which it is a theorem, so a
property test runs for exactly those estimators (the continuous ones on the
entry's float `points`).  `SAMPLES_ESTIMATORS` says which estimators each
measure takes, written here and compared with the package's own table.

`test_registry_covers_every_public_name` (in test_common.py) fails when a
name in any ``__all__`` is neither here nor in `EXEMPT`: "we shouldn't forget
any metrics" (scikit-learn's ``test_common.py``).  A new public function needs
one entry here and gets the property, validation and hostile-input tests.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np
import scipy.sparse

import infomeasures as im
from infomeasures import metrics, nn, samples

MODULES = (im, samples, metrics, nn)

#: The count estimators of the API (``samples.entropy(estimator=...)``).
#: `test_common.test_estimator_names_match_the_registry` pins these lists against
#: the names the package itself lists, so a new estimator must be added here.
COUNT_ESTIMATORS = ("plugin", "miller-madow", "chao-shen", "grassberger", "james-stein", "nsb")
#: The estimators of continuous (float) variables: they take points, not counts.
CONTINUOUS_ESTIMATORS = ("kozachenko-leonenko", "ksg", "knn", "gaussian", "gaussian-copula")

#: Which estimators each `samples` measure takes, written from API.md and the
#: docstrings (not read from the package's table, which the test compares it to).
SAMPLES_ESTIMATORS = MappingProxyType(
    {
        "entropy": (*COUNT_ESTIMATORS, "kozachenko-leonenko", "gaussian"),
        "joint_entropy": (*COUNT_ESTIMATORS, "kozachenko-leonenko", "gaussian"),
        "conditional_entropy": (*COUNT_ESTIMATORS, "ksg"),
        "mutual_information": (*COUNT_ESTIMATORS, "ksg", "gaussian", "gaussian-copula"),
        "conditional_mutual_information": (
            *COUNT_ESTIMATORS,
            "ksg",
            "gaussian",
            "gaussian-copula",
        ),
        "cross_entropy": ("plugin", "knn", "gaussian"),
        "kl_divergence": ("plugin", "knn", "gaussian"),
        "mutual_information_matrix": (*COUNT_ESTIMATORS, "ksg", "gaussian", "gaussian-copula"),
        # sums of entropies of groups: every count estimator and the Gaussian
        # entropies (Kozachenko-Leonenko's biases of different dimensions do
        # not cancel in the sum, so it is not offered)
        **dict.fromkeys(
            (
                "total_correlation",
                "dual_total_correlation",
                "o_information",
                "co_information",
                "interaction_information",
            ),
            (*COUNT_ESTIMATORS, "gaussian"),
        ),
    }
)


def estimators(*names: str) -> tuple[Mapping, ...]:
    """Return the keyword variants ``{"estimator": name}`` under which a property holds."""
    return tuple({"estimator": n} for n in names)


ALWAYS: tuple[Mapping, ...] = ({},)  # a property of a function without variants
EVERY_ESTIMATOR = estimators(*COUNT_ESTIMATORS)
# H >= 0: every term of plug-in, Chao-Shen (C p <= 1) and the shrinkage
# estimate is >= 0, Miller-Madow adds (m - 1)/2n >= 0, NSB averages H >= 0.
# Grassberger's G(n) correction can exceed log n: H([1, 1]) < 0 is possible.
NONNEGATIVE_H = estimators("plugin", "miller-madow", "chao-shen", "james-stein", "nsb")
# H <= log m (m observed categories, the default k): a plug-in entropy of a
# distribution on m cells (plug-in, James-Stein) or a mean of such (NSB).
# Miller-Madow and Chao-Shen add corrections that can pass log m.
BOUNDED_BY_LOG_K = estimators("plugin", "james-stein", "nsb")
# H(X|Y) >= 0, and so H(X,Y) >= H(X) and I(X;Y) <= min(H(X), H(Y)): for the
# plug-in a sum of non-negative terms; Miller-Madow adds (m_xy - m_y)/2n >= 0.
CONDITIONING_NONNEGATIVE = estimators("plugin", "miller-madow")
# I >= 0 and I(X;Y|Z) >= 0 (Gibbs' inequality) hold for the plug-in only; a
# bias correction of each entropy term can make the combination negative.
# The Gaussian estimates are the exact MI and CMI of the fitted normal
# distribution (a function of its covariance), so Gibbs holds for them too;
# the copula estimate is the Gaussian one on normal scores.
GIBBS = estimators("plugin")
GIBBS_CONTINUOUS = estimators("plugin", "gaussian", "gaussian-copula")
# I(X;Y) = I(Y;X): the KSG count of neighbours uses the max-norm of the joint
# space, symmetric in its blocks; the Gaussian forms use a determinant, which
# a permutation of the variables does not change.
SYMMETRIC_MI = estimators(*COUNT_ESTIMATORS, "ksg", "gaussian", "gaussian-copula")
# H(X, Y) = H(Y, X): the max-norm distances of Kozachenko-Leonenko and the
# Gaussian determinant do not depend on the order of the columns.
SYMMETRIC_JOINT = estimators(*COUNT_ESTIMATORS, "kozachenko-leonenko", "gaussian")
# The Gaussian MI and CMI are combinations of Gaussian entropies of the same
# covariance estimate (the closed form of the fitted normal distribution).
TERMS_GAUSSIAN = estimators(*COUNT_ESTIMATORS, "gaussian")


def deterministic(measure: str) -> tuple[Mapping, ...]:
    """Return the variants (every estimator) under which same input gives identical output."""
    return estimators(*SAMPLES_ESTIMATORS[measure])


@dataclass(frozen=True)
class Entry:
    """A public callable with valid arguments, argument roles and properties.

    roles
        parameter name -> what the argument is: ``"distribution"`` (a
        probability vector along `axis`), ``"table"`` (a joint table),
        ``"unit"`` (event probabilities in [0, 1]), ``"labels"`` (1-D
        observations), ``"counts"`` (non-negative integer counts), ``"logits"``,
        ``"class_targets"``, ``"binary_targets"``, ``"probs"`` (predicted
        probability rows), ``"weights"``, ``"callable"``, ``"name"``,
        ``"points"`` (continuous observations), ``"features"`` (a 2-D
        feature matrix of samples by features), ``"work"`` (how much work
        to do, such as a number of resamples: a huge value may take long,
        as asked, so the common test's CPU limit does not apply to it).  A
        ``*variables`` parameter has role ``"labels"`` too.
    options
        keyword -> valid alternatives (each must give a finite value), which
        the common test also perturbs with absurd values.
    properties
        property name -> keyword variants under which it holds.
    terms
        for measures that are signed sums of (joint) entropies: (sign, group)
        pairs, a group being the indices of the variables (or axes of the
        table) whose joint entropy is taken.
    extras
        further calls that change several arguments at once: name ->
        (args, kwargs, param).  With ``param=None`` the call is valid and must
        give a value; else it may also raise an error naming `param`.
    estimators
        for the `samples` measures: every estimator the measure takes.
    points
        for measures with continuous estimators: valid float arguments
        (continuous variables) to use in place of `args` with them.
    """

    name: str
    func: Callable
    args: tuple = ()
    kwargs: Mapping = field(default_factory=dict)
    roles: Mapping[str, str] = field(default_factory=dict)
    options: Mapping[str, tuple] = field(default_factory=dict)
    properties: Mapping[str, tuple[Mapping, ...]] = field(default_factory=dict)
    terms: tuple[tuple[int, tuple[int, ...]], ...] = ()
    extras: Mapping[str, tuple[tuple, Mapping, str | None]] = field(default_factory=dict)
    estimators: tuple[str, ...] = ()
    points: tuple = ()

    def __repr__(self) -> str:  # pytest ids
        return self.name

    def call(self, *args, **kwargs):
        """Call with the example arguments, overridden by the ones given."""
        return self.func(*(args or self.args), **{**self.kwargs, **kwargs})


P = np.array([0.1, 0.2, 0.3, 0.4])
Q = np.array([0.25, 0.25, 0.4, 0.1])
PXY = np.array([[0.1, 0.2, 0.05], [0.3, 0.05, 0.3]])
PXYZ = np.array([[[0.1, 0.05], [0.15, 0.1]], [[0.05, 0.2], [0.1, 0.25]]])
X = np.array([0, 1, 1, 2, 0, 1, 2, 2, 1, 0])
Y = np.array(["a", "b", "b", "a", "a", "b", "b", "a", "b", "a"])
Z = np.array([1.5, 1.5, 2.5, 2.5, 1.5, 2.5, 1.5, 2.5, 1.5, 2.5])
# continuous variables (Y and Z depend on X): the points of the continuous
# estimators, 30 draws so that every neighbour count up to 29 is valid
_RNG = np.random.default_rng(20261130)
FX = _RNG.normal(size=30)
FY = FX + _RNG.normal(size=30)
FZ = FY - 0.5 * _RNG.normal(size=30)
#: a discrete variable of the same draws (KSG's H(x | y) needs a discrete x)
XI = np.floor(FX).astype(np.int64)
#: a joint table of three variables with no zero cell
PXYZ3 = np.array([[[0.1, 0.05], [0.15, 0.1]], [[0.05, 0.2], [0.1, 0.25]]])
LOGITS = np.array([[2.0, -1.0, 0.5], [0.0, 3.0, -2.0], [1.0, 1.0, 1.0], [-0.5, 0.2, 4.0]])
CLASSES = np.array([0, 1, 2, 2])
X3 = np.array([1.0, -2.0, 0.5])
#: features of `metrics.mutual_info_*`: two continuous columns and a discrete one
FEATURES = np.column_stack([FX, FY, XI])
PROBA = np.array([[0.7, 0.2, 0.1], [0.1, 0.8, 0.1], [0.3, 0.3, 0.4], [0.2, 0.2, 0.6]])

BASES = (2, math.e, 10, 0.5, 3.7)
AXES = (-1, 0)

_DISTRIBUTION_OPTIONS = {"base": BASES, "normalize": (False, True), "keepdims": (False, True)}
_TABLE_OPTIONS = {"base": BASES, "normalize": (False, True)}
_SAMPLES_OPTIONS = {
    "estimator": COUNT_ESTIMATORS,
    "base": BASES,
    "nan_policy": ("raise", "omit"),
}
_MI_TERMS = ((1, (0,)), (1, (1,)), (-1, (0, 1)))
_CE_TERMS = ((1, (0, 1)), (-1, (1,)))
_CMI_TERMS = ((1, (0, 2)), (1, (1, 2)), (-1, (0, 1, 2)), (-1, (2,)))


def _pair(name, linear=True, kwargs=None, options=None, roles=None, extras=None, **properties):
    return Entry(
        f"infomeasures.{name}",
        getattr(im, name),
        (P, Q),
        kwargs=kwargs or {},
        roles={"p": "distribution", "q": "distribution", **(roles or {})},
        options={**_DISTRIBUTION_OPTIONS, "axis": AXES, **(options or {})},
        properties={
            "nonnegative": ALWAYS,
            "batches": ALWAYS,
            **({"base_scales": ALWAYS} if linear else {}),
            **properties,
        },
        extras=extras or {},
    )


def _joint(name, terms, **properties):
    """Register a measure of several variables given their joint table (one axis each)."""
    return Entry(
        f"infomeasures.{name}",
        getattr(im, name),
        (PXYZ3,),
        roles={"p": "joint"},
        options=_TABLE_OPTIONS,
        properties={
            "base_scales": ALWAYS,
            "terms_hold": ALWAYS,
            "permutation_invariant": ALWAYS,
            **properties,
        },
        terms=terms,
    )


#: A stack of three distributions (axis 0) and mixture weights for them.
STACK = np.array([P, Q, [0.5, 0.0, 0.0, 0.5]])
WEIGHTS3 = np.array([0.2, 0.3, 0.5])
#: Rényi orders: the limits 0 (Hartley), 1 (Shannon) and inf (min-entropy)
ALPHAS = (0, 0.5, 1, 2, math.inf)
_TC_TERMS = ((1, (0,)), (1, (1,)), (1, (2,)), (-1, (0, 1, 2)))
_DTC_TERMS = ((1, (1, 2)), (1, (0, 2)), (1, (0, 1)), (-2, (0, 1, 2)))
# co-information by inclusion-exclusion; for three variables the O-information
# TC - DTC has the same terms, and the interaction information is its negative
_COI_TERMS = (
    (1, (0,)),
    (1, (1,)),
    (1, (2,)),
    (-1, (0, 1)),
    (-1, (0, 2)),
    (-1, (1, 2)),
    (1, (0, 1, 2)),
)


def _table(name, table, terms=(), **properties):
    return Entry(
        f"infomeasures.{name}",
        getattr(im, name),
        (table,),
        roles={"pxyz" if table.ndim == 3 else "pxy": "table"},
        options=_TABLE_OPTIONS,
        properties={"base_scales": ALWAYS, "nonnegative": ALWAYS, **properties},
        terms=terms,
    )


def _big_counts(*variables):
    """Return `Counts` of the variables, and the same tables scaled past int32 and int64.

    Large merged tables are what `Counts` is for: every `samples` function
    must take them (#18 item 1).
    """
    c = samples.counts(*variables)
    return {
        "Counts": c,
        "Counts-past-int32": samples.Counts.from_table(c.table * 2**31, c.categories),
        "Counts-past-int64": samples.Counts.from_table(
            c.table.astype(object) * 2**64, c.categories
        ),
    }


def _counts_extras(args):
    return {name: ((c,), {}, None) for name, c in _big_counts(*args).items()}


def _two_counts_extras(x, y):
    pairs = zip(_big_counts(x).items(), _big_counts(y).values(), strict=True)
    return {name: ((cx, cy), {}, None) for (name, cx), cy in pairs}


def _row_set(a, value):
    """Return a float copy of `a` with observation 3 set to `value`."""
    out = np.array(a, dtype=float)
    out[3] = value
    return out


def _continuous_extras(params, points, supported, n_vars=None):
    """Hostile and valid calls of the continuous estimators on float variables.

    NaN or inf in a float variable, a constant column, absurd neighbour
    counts and a `discrete` of the wrong length or type: a value or an error
    naming the argument; the valid calls must give a value.
    """
    first = params[0]
    n_vars = len(points) if n_vars is None else n_vars
    n = len(points[0])
    out = {}
    for est in (e for e in supported if e in CONTINUOUS_ESTIMATORS):
        kw = {"estimator": est}
        out[f"{est}-valid"] = (points, kw, None)
        flags = (
            [p.dtype.kind != "f" for p in points] if n_vars == len(points) else [False] * n_vars
        )
        out[f"{est}-discrete-given"] = (points, {**kw, "discrete": flags}, None)
        for kind, value in {
            "nan": _row_set(points[0], np.nan),
            "inf": _row_set(points[0], np.inf),
            "constant": np.full_like(points[0], 1.5),
        }.items():
            out[f"{est}-{kind}-in-{first}"] = ((value, *points[1:]), kw, first)
        # NaN in the last variable, a float one (a NaN would make an integer one float)
        nan_last = (*points[:-1], _row_set(points[-1], np.nan))
        out[f"{est}-nan-omitted"] = (nan_last, {**kw, "nan_policy": "omit"}, None)
        if est in ("kozachenko-leonenko", "ksg", "knn"):
            for kind, k in {
                "0": 0,
                "-1": -1,
                "int-beyond-float": 10**400,
                "float": 2.5,
                "n": n,
                "beyond-n": n + 1,
                "n-1": n - 1,
                "bool": True,
            }.items():
                out[f"{est}-n_neighbors-{kind}"] = (
                    points,
                    {**kw, "n_neighbors": k},
                    "n_neighbors",
                )
        for kind, d in {
            "too-long": [False] * (n_vars + 1),
            "too-short": [False] * (n_vars - 1),
            "string": "no",
            "float": 0.5,
            "array-of-floats": np.zeros(n_vars),
        }.items():
            out[f"{est}-discrete-{kind}"] = (points, {**kw, "discrete": d}, "discrete")
    return out


#: The `samples` measures of any number of variables (``*variables``).
MULTIVARIATE = (
    "joint_entropy",
    "total_correlation",
    "dual_total_correlation",
    "o_information",
    "co_information",
    "interaction_information",
)


#: The estimators of the multivariate `samples` measures but NSB.
_NOT_NSB = tuple(e for e in (*COUNT_ESTIMATORS, "gaussian") if e != "nsb")


def _sample(name, args, terms=(), points=(), **properties):
    params = ("variables",) if name in MULTIVARIATE else ("x", "y", "z")[: len(args)]
    supported = SAMPLES_ESTIMATORS[name]
    return Entry(
        f"infomeasures.samples.{name}",
        getattr(samples, name),
        args,
        roles={p: "labels" for p in ("x", "y", "z", "variables")},
        options=_SAMPLES_OPTIONS,
        properties={"deterministic": deterministic(name), **properties},
        terms=terms,
        extras={**_counts_extras(args), **_continuous_extras(params, points, supported)},
        estimators=supported,
        points=points,
    )


def _divergence(name, **properties):
    options = {"base": BASES, "nan_policy": ("raise", "omit")}
    extras = _two_counts_extras(X, X[::-1])
    supported, points = (), ()
    if name != "js_divergence":
        options["pseudocount"] = (0, 0.5, 1)
        supported, points = SAMPLES_ESTIMATORS[name], (FX, FY)
        extras.update(_continuous_extras(("x", "y"), points, supported))
        properties["deterministic"] = deterministic(name)
    return Entry(
        f"infomeasures.samples.{name}",
        getattr(samples, name),
        (X, X[::-1]),
        roles={"x": "labels", "y": "labels"},
        options=options,
        properties=properties,
        extras=extras,
        estimators=supported,
        points=points,
    )


def _clustering(name, options, **properties):
    return Entry(
        f"infomeasures.metrics.{name}",
        getattr(metrics, name),
        (X, Y),
        roles={"labels_true": "labels", "labels_pred": "labels", "contingency": "counts"},
        options=options,
        properties=properties,
    )


_AVERAGES = tuple({"average_method": m} for m in ("min", "geometric", "arithmetic", "max"))


def _sum_tanh(x):
    """Return a scalar function that stays finite and quiet for any input."""
    return float(np.sum(np.tanh(x)))


class _ConstantModel:
    """The least a scorer needs: `predict` and `predict_proba`."""

    classes_ = np.array([0, 1, 2])

    def predict(self, X):
        return np.zeros(len(X), dtype=int)

    def predict_proba(self, X):
        return np.tile([0.5, 0.3, 0.2], (len(X), 1))


ENTRIES: tuple[Entry, ...] = (
    # ------------------------------------------------------------ infomeasures
    Entry(
        "infomeasures.self_information",
        im.self_information,
        (P,),
        roles={"p": "unit"},
        options={"base": BASES},
        properties={"base_scales": ALWAYS, "nonnegative": ALWAYS},
    ),
    Entry(
        "infomeasures.entropy",
        im.entropy,
        (P,),
        roles={"p": "distribution"},
        options={**_DISTRIBUTION_OPTIONS, "axis": AXES},
        properties={
            "base_scales": ALWAYS,
            "nonnegative": ALWAYS,
            "bounded_by_log_k": ALWAYS,
            "batches": ALWAYS,
        },
    ),
    Entry(
        "infomeasures.binary_entropy",
        im.binary_entropy,
        (P,),
        roles={"p": "unit"},
        options={"base": BASES},
        properties={"base_scales": ALWAYS, "nonnegative": ALWAYS},
    ),
    _table("joint_entropy", PXY, symmetric=ALWAYS),
    _table("conditional_entropy", PXY, _CE_TERMS, terms_hold=ALWAYS),
    _table(
        "mutual_information",
        PXY,
        _MI_TERMS,
        symmetric=ALWAYS,
        terms_hold=ALWAYS,
        bounded_by_marginal_entropy=ALWAYS,
    ),
    _table("conditional_mutual_information", PXYZ, _CMI_TERMS, terms_hold=ALWAYS),
    _pair("cross_entropy"),
    _pair("kl_divergence", zero_on_identical=ALWAYS),
    _pair(
        "js_divergence",
        options={"weights": (None, np.array([0.2, 0.8]))},
        roles={"weights": "weights"},
        extras={
            "stack-of-3": ((STACK,), {}, None),
            "stack-of-3-weighted": ((STACK,), {"weights": WEIGHTS3}, None),
            "stack-weights-too-short": ((STACK,), {"weights": WEIGHTS3[:2] / 0.5}, "weights"),
            "stack-weights-not-summing-to-1": ((STACK,), {"weights": WEIGHTS3 * 2}, "weights"),
            "stack-with-q": ((STACK, Q), {}, "q"),
            "single-distribution": ((P,), {}, "p"),
        },
        symmetric=ALWAYS,
        bounded_by_one_bit=ALWAYS,
        zero_on_identical=ALWAYS,
        bounded_by_weight_entropy=ALWAYS,
    ),
    _pair(
        "renyi_divergence",
        kwargs={"alpha": 0.5},
        options={"alpha": ALPHAS},
        extras={  # a cell where p = q = 0 contributes nothing, at every order
            "common-zero-cell-alpha-2": (
                (np.array([0.5, 0.5, 0.0]), np.array([0.2, 0.8, 0.0])),
                {"alpha": 2},
                None,
            ),
            "identical-with-zero-cell": (
                (np.array([1.0, 0.0]), np.array([1.0, 0.0])),
                {"alpha": 0.5},
                None,
            ),
        },
        zero_on_identical=tuple({"alpha": a} for a in ALPHAS),
        nonnegative=tuple({"alpha": a} for a in ALPHAS),
        nondecreasing_in_alpha=ALWAYS,
        kl_at_alpha_one=ALWAYS,
    ),
    # the distance is a square root: a change of base scales it by a square root,
    # and a base below 1 (a negative divergence) is refused, as test_measures pins
    _pair(
        "js_distance",
        linear=False,
        options={"base": tuple(b for b in BASES if b > 1)},
        symmetric=ALWAYS,
        bounded_by_one_bit=ALWAYS,
        zero_on_identical=ALWAYS,
    ),
    Entry(
        "infomeasures.renyi_entropy",
        im.renyi_entropy,
        (P,),
        kwargs={"alpha": 2.0},
        roles={"p": "distribution"},
        options={**_DISTRIBUTION_OPTIONS, "axis": AXES, "alpha": ALPHAS},
        properties={
            "base_scales": ALWAYS,
            "batches": ALWAYS,
            # 0 <= H_alpha <= H_0 = log(support) <= log K for every order
            "nonnegative": tuple({"alpha": a} for a in ALPHAS),
            "bounded_by_log_k": tuple({"alpha": a} for a in ALPHAS),
            "nonincreasing_in_alpha": ALWAYS,
            "shannon_at_alpha_one": ALWAYS,
        },
    ),
    Entry(
        "infomeasures.tsallis_entropy",
        im.tsallis_entropy,
        (P,),
        kwargs={"q": 2.0},
        roles={"p": "distribution"},
        options={"q": (0.5, 1, 2, 3.5), "normalize": (False, True), "keepdims": (False, True)},
        properties={
            "batches": ALWAYS,
            # sum p (1 - p^(q-1)) / (q - 1) has non-negative terms for any q > 0
            "nonnegative": tuple({"q": q} for q in (0.5, 1, 2, 3.5)),
            "shannon_at_q_one": ALWAYS,
        },
    ),
    Entry(
        "infomeasures.pointwise_mutual_information",
        im.pointwise_mutual_information,
        (PXY,),
        roles={"pxy": "table"},
        options=_TABLE_OPTIONS,
        properties={
            "base_scales": ALWAYS,
            "symmetric_pointwise": ALWAYS,
            "mean_is_mutual_information": ALWAYS,
        },
    ),
    Entry(
        "infomeasures.normalized_pointwise_mutual_information",
        im.normalized_pointwise_mutual_information,
        (PXY,),
        roles={"pxy": "table"},
        options={"normalize": (False, True)},
        properties={"symmetric_pointwise": ALWAYS, "bounded_by_one_in_magnitude": ALWAYS},
    ),
    # TC >= 0 and DTC >= 0: sums of non-negative (conditional) mutual informations
    _joint("total_correlation", _TC_TERMS, nonnegative=ALWAYS),
    _joint("dual_total_correlation", _DTC_TERMS, nonnegative=ALWAYS),
    _joint("o_information", _COI_TERMS),
    _joint("co_information", _COI_TERMS),
    _joint("interaction_information", tuple((-s, g) for s, g in _COI_TERMS)),
    # ----------------------------------------------------------------- samples
    Entry(
        "infomeasures.samples.counts",
        samples.counts,
        (X, Y),
        roles={"variables": "labels"},
        options={"nan_policy": ("raise", "omit")},
    ),
    Entry(
        "infomeasures.samples.entropy_from_counts",
        samples.entropy_from_counts,
        (np.array([5, 3, 0, 1, 1]),),
        roles={"counts": "counts"},
        options={"estimator": COUNT_ESTIMATORS, "base": BASES, "k": (None, 5, 10)},
        extras={
            # #18 item 11: NSB's integrals at totals near 1e15; james-stein at a
            # huge alphabet must give a value or say which k it supports.
            "nsb-counts-1e15": ((np.array([5, 3, 1]) * 10**15,), {"estimator": "nsb"}, None),
            "james-stein-k-1e12": (
                (np.array([5, 3, 1]),),
                {"estimator": "james-stein", "k": 10**12},
                "k",
            ),
        },
    ),
    Entry(
        "infomeasures.samples.Counts.from_table",
        samples.Counts.from_table,
        (np.array([[3, 1], [0, 2]]),),
        roles={"table": "counts"},
    ),
    _sample(
        "entropy",
        (X,),
        points=(FX,),
        nonnegative=NONNEGATIVE_H,
        bounded_by_log_k=BOUNDED_BY_LOG_K,
    ),
    _sample(
        "joint_entropy",
        (X, Y),
        points=(FX, FY),
        symmetric=SYMMETRIC_JOINT,
        nonnegative=NONNEGATIVE_H,
        at_least_each_marginal=CONDITIONING_NONNEGATIVE,
    ),
    _sample(
        "conditional_entropy",
        (X, Y),
        terms=_CE_TERMS,
        points=(XI, FY),
        terms_hold=EVERY_ESTIMATOR,
        nonnegative=CONDITIONING_NONNEGATIVE,
    ),
    _sample(
        "mutual_information",
        (X, Y),
        terms=_MI_TERMS,
        points=(FX, FY),
        terms_hold=TERMS_GAUSSIAN,
        symmetric=SYMMETRIC_MI,
        nonnegative=GIBBS_CONTINUOUS,
        bounded_by_marginal_entropy=CONDITIONING_NONNEGATIVE,
        chain_rule=EVERY_ESTIMATOR,
    ),
    _sample(
        "conditional_mutual_information",
        (X, Y, Z),
        terms=_CMI_TERMS,
        points=(FX, FY, FZ),
        terms_hold=TERMS_GAUSSIAN,
        symmetric=SYMMETRIC_MI,
        nonnegative=GIBBS_CONTINUOUS,
        chain_rule=EVERY_ESTIMATOR,
    ),
    *(
        _sample(
            name,
            (X, Y, Z),
            terms=terms,
            points=(FX, FY, FZ),
            # NSB is left out for time (up to 2^3 - 1 NSB entropies per call, seconds
            # per property in CI): its entropies are checked in the `entropy` entries
            terms_hold=estimators(*_NOT_NSB),
            # the dispatcher does not depend on the estimator in what these check
            symmetric=estimators("plugin", "gaussian"),
            deterministic=estimators("plugin", "gaussian"),
            **extra,
        )
        for name, terms, extra in (
            # TC >= 0 and DTC >= 0 by theorem for the plug-in (returned clipped)
            ("total_correlation", _TC_TERMS, {"nonnegative": GIBBS}),
            ("dual_total_correlation", _DTC_TERMS, {"nonnegative": GIBBS}),
            ("o_information", _COI_TERMS, {}),
            ("co_information", _COI_TERMS, {}),
            ("interaction_information", tuple((-s, g) for s, g in _COI_TERMS), {}),
        )
    ),
    _divergence("cross_entropy", nonnegative=ALWAYS),
    # the Gaussian estimate is the KL divergence of two fitted normal distributions
    _divergence(
        "kl_divergence",
        nonnegative=estimators("plugin", "gaussian"),
        zero_on_identical=estimators("plugin"),
    ),
    _divergence(
        "js_divergence",
        nonnegative=ALWAYS,
        symmetric=ALWAYS,
        bounded_by_one_bit=ALWAYS,
        zero_on_identical=ALWAYS,
    ),
    Entry(
        "infomeasures.samples.discretize",
        samples.discretize,
        (FX,),
        roles={"x": "points"},
        options={
            "bins": ("auto", 3, "sturges", np.array([-100.0, 0.0, 100.0])),
            "strategy": ("uniform", "quantile"),
            "range": (None, (-100.0, 100.0)),
        },
        properties={"deterministic": ALWAYS},
        extras={
            "2-d": ((np.column_stack([FX, FY]),), {}, None),
            "range-excludes-data": ((FX,), {"range": (0.0, 1.0)}, "range"),
            "edges-decreasing": ((FX,), {"bins": np.array([100.0, 0.0, -100.0])}, "bins"),
            "edges-exclude-data": ((FX,), {"bins": np.array([0.0, 1.0])}, "bins"),
            "range-reversed": ((FX,), {"range": (100.0, -100.0)}, "range"),
            "bins-0": ((FX,), {"bins": 0}, "bins"),
            "bins-huge": ((FX,), {"bins": 10**400}, "bins"),
            # a rule name over a wide fixed range asks for billions of bins; uniform codes
            # need no array of edges
            "range-wide": ((FX,), {"range": (-1e12, 1e12)}, "range"),
            "range-huge": ((FX,), {"range": (-1e300, 1e300)}, "range"),
            "bins-1e10": ((FX,), {"bins": 10**10}, "bins"),
            "bins-beyond-int64": ((FX,), {"bins": 2**63 + 5}, "bins"),
            "constant": ((np.full(10, 2.0),), {}, None),
            "edges-complex": ((FX,), {"bins": np.array([-100.0, 0.0, 100.0]) + 0j}, "bins"),
            "range-complex-array": ((FX,), {"range": np.array([-100.0, 100.0]) + 0j}, "range"),
            "range-masked": (
                (FX,),
                {"range": np.ma.masked_array([-100.0, 100.0], [True, False])},
                "range",
            ),
        },
    ),
    Entry(
        "infomeasures.samples.mutual_information_matrix",
        samples.mutual_information_matrix,
        (np.column_stack([X, X[::-1], (X * 7) % 3]),),
        roles={"data": "columns", "target": "labels"},
        options={**_SAMPLES_OPTIONS, "target": (None, X)},
        # NSB is left out here for time (about 10 s for 40 examples): its MI is
        # checked symmetric and deterministic in the `mutual_information` entry
        properties={
            "symmetric_matrix": tuple(v for v in SYMMETRIC_MI if v["estimator"] != "nsb"),
            "deterministic": estimators(
                *(e for e in SAMPLES_ESTIMATORS["mutual_information_matrix"] if e != "nsb")
            ),
        },
        extras={
            **_continuous_extras(
                ("data",),
                (np.column_stack([FX, FY, FZ]),),
                SAMPLES_ESTIMATORS["mutual_information_matrix"],
                n_vars=3,
            ),
            "target-too-short": ((np.column_stack([X, X]),), {"target": X[:-1]}, "target"),
        },
        estimators=SAMPLES_ESTIMATORS["mutual_information_matrix"],
        points=(np.column_stack([FX, FY, FZ]),),
    ),
    Entry(
        "infomeasures.samples.mutual_information_test",
        samples.mutual_information_test,
        (X, Y),
        # few resamples, so that the whole hostile catalogue stays fast
        kwargs={"n_resamples": 99, "rng": 0},
        roles={"x": "labels", "y": "labels", "z": "labels", "n_resamples": "work"},
        options={
            **_SAMPLES_OPTIONS,
            "estimator": tuple(e for e in COUNT_ESTIMATORS if e != "nsb"),
            "z": (None, Z),
            "method": ("permutation", "g-test"),
            "alternative": ("greater", "less", "two-sided"),
            "n_resamples": (1, 99),
            "rng": (None, 0, np.random.default_rng(0)),
            "k": (None, 5),
        },
        extras={
            # scipy's random tables hold int32 totals: past them the G-test, and
            # the permutation refused naming `method`
            **{
                f"{name}{cond}": ((c,), {} if name == "Counts" else {"method": "g-test"}, None)
                for cond, variables in (("", (X, Y)), ("-conditional", (X, Y, Z)))
                for name, c in _big_counts(*variables).items()
            },
            **{
                f"{name}{cond}-permutation": ((c,), {}, "method")
                for cond, variables in (("", (X, Y)), ("-conditional", (X, Y, Z)))
                for name, c in _big_counts(*variables).items()
                if name != "Counts"
            },
            # NSB integrates over each resampled table: 9 resamples keep it fast
            "nsb": ((X, Y), {"estimator": "nsb", "n_resamples": 9}, None),
            "conditional": ((X, Y, Z), {}, None),
            "conditional-g-test": ((X, Y, Z), {"method": "g-test"}, None),
            "z-too-short": ((X, Y, Z[:-1]), {}, "z"),
            "g-test-of-ksg": ((FX, FY), {"estimator": "ksg", "method": "g-test"}, "method"),
            "g-test-less": ((X, Y), {"method": "g-test", "alternative": "less"}, "alternative"),
            "ksg-conditional": ((FX, FY, FZ), {"estimator": "ksg"}, None),
            "ksg-discrete-z": ((FX, FY, X[::-1].repeat(3)), {"estimator": "ksg"}, None),
            **_continuous_extras(
                ("x", "y"),
                (FX, FY),
                ("ksg", "gaussian", "gaussian-copula"),
            ),
        },
    ),
    # ----------------------------------------------------------------- metrics
    _clustering(
        "mutual_info_score",
        {"base": BASES, "contingency": (None, np.array([[3, 1], [0, 2]]))},
        nonnegative=ALWAYS,
        symmetric=ALWAYS,
    ),
    _clustering(
        "normalized_mutual_info_score",
        {"average_method": ("min", "geometric", "arithmetic", "max")},
        nonnegative=_AVERAGES,
        symmetric=_AVERAGES,
        bounded_by_one=_AVERAGES,
    ),
    _clustering(
        "adjusted_mutual_info_score",
        {"average_method": ("min", "geometric", "arithmetic", "max")},
        symmetric=_AVERAGES,
        bounded_by_one=_AVERAGES,
    ),
    _clustering(
        "variation_of_information",
        {"normalized": (False, True), "base": BASES},
        nonnegative=({}, {"normalized": True}),
        symmetric=({}, {"normalized": True}),
        bounded_by_one=({"normalized": True},),
    ),
    *(
        Entry(
            f"infomeasures.metrics.{name}",
            getattr(metrics, name),
            (FEATURES, target),
            kwargs={"random_state": 0},
            roles={"X": "features", "y": role},
            options={
                "discrete_features": (
                    "auto",
                    False,
                    [2],
                    np.array([False, False, True]),
                    # every feature discrete: FX and FY as labels (each value once)
                    # leave the Ross estimator no neighbour for a continuous target
                    *((True,) if role == "class_targets" else ()),
                ),
                "n_neighbors": (1, 3, 5),
                "copy": (True, False),
                "random_state": (None, 0, np.random.RandomState(0)),
                "n_jobs": (None, 1, 2),
            },
            # scikit-learn's rule, followed: negative estimates are returned as 0
            properties={"nonnegative": ALWAYS, "deterministic": ALWAYS},
            extras={
                "sparse-X": ((scipy.sparse.csr_matrix(FEATURES[:, 2:]), target), {}, None),
                "sparse-X-continuous": (
                    (scipy.sparse.csr_matrix(FEATURES), target),
                    {"discrete_features": False},
                    "X",
                ),
                "y-too-short": ((FEATURES, target[:-1]), {}, "y"),
                "n_neighbors-n": ((FEATURES, target), {"n_neighbors": 30}, "n_neighbors"),
                "all-discrete": ((XI[:, None], target), {"discrete_features": True}, None),
                "discrete-feature-of-distinct-values": (
                    (FEATURES, target),
                    {"discrete_features": [0]},
                    "discrete_features",
                ),
            },
        )
        for name, target, role in (
            ("mutual_info_classif", (FX > 0).astype(np.int64) + (FY > 1), "class_targets"),
            ("mutual_info_regression", FZ, "points"),
        )
    ),
    Entry(
        "infomeasures.metrics.log_loss",
        metrics.log_loss,
        (CLASSES, PROBA),
        roles={"y_true": "labels", "y_proba": "probs", "sample_weight": "weights"},
        options={
            "normalize": (True, False),
            "sample_weight": (None, np.array([1.0, 2.0, 0.5, 1.0])),
            "labels": (None, np.array([0, 1, 2])),
            "base": BASES,
        },
        properties={"nonnegative": ALWAYS},
    ),
    Entry(
        "infomeasures.metrics.make_scorer",
        metrics.make_scorer,
        (metrics.mutual_info_score,),
        roles={"score_func": "callable"},
        options={"response_method": ("predict", "predict_proba"), "greater_is_better": (True,)},
    ),
    Entry(
        "infomeasures.metrics.get_scorer",
        metrics.get_scorer,
        ("mutual_info_score",),
        roles={"scoring": "name"},
    ),
    Entry("infomeasures.metrics.get_scorer_names", metrics.get_scorer_names),
    # ---------------------------------------------------------------------- nn
    Entry(
        "infomeasures.nn.logsumexp",
        nn.logsumexp,
        (LOGITS,),
        roles={"z": "logits"},
        options={"axis": AXES, "keepdims": (False, True)},
    ),
    Entry(
        "infomeasures.nn.softmax",
        nn.softmax,
        (LOGITS,),
        roles={"z": "logits"},
        options={"axis": AXES},
    ),
    Entry(
        "infomeasures.nn.log_softmax",
        nn.log_softmax,
        (LOGITS,),
        roles={"z": "logits"},
        options={"axis": AXES},
    ),
    Entry("infomeasures.nn.sigmoid", nn.sigmoid, (LOGITS,), roles={"z": "logits"}),
    Entry("infomeasures.nn.log_sigmoid", nn.log_sigmoid, (LOGITS,), roles={"z": "logits"}),
    Entry(
        "infomeasures.nn.softmax_jacobian",
        nn.softmax_jacobian,
        (LOGITS,),
        roles={"z": "logits"},
    ),
    Entry(
        "infomeasures.nn.softmax_cross_entropy",
        nn.softmax_cross_entropy,
        (LOGITS, CLASSES),
        roles={"logits": "logits", "targets": "class_targets", "class_weights": "weights"},
        options={
            "class_weights": (None, np.array([1.0, 2.0, 0.5])),
            "label_smoothing": (0.0, 0.1, 1.0),
            "reduction": ("mean", "sum", "none"),
            "return_grad": (False, True),
        },
        properties={"nonnegative": ALWAYS},
        extras={  # #18 item 6: weights at the ends of the float range
            "class-weights-1e308-and-1": (
                (np.array([[0.0, 2.0]]), np.array([0])),
                {"class_weights": np.array([1e308, 1.0]), "return_grad": True},
                None,
            ),
            "class-weights-1e-300": (
                (np.array([[0.0, 2.0]]), np.array([0])),
                {"class_weights": np.array([1e-300, 1e-300]), "return_grad": True},
                None,
            ),
            "float32-class-weights-1e30": (
                (np.array([[0.0, 2.0]], dtype=np.float32), np.array([0])),
                {"class_weights": np.array([1e30, 1.0], dtype=np.float32)},
                None,
            ),
        },
    ),
    Entry(
        "infomeasures.nn.sigmoid_binary_cross_entropy",
        nn.sigmoid_binary_cross_entropy,
        (LOGITS[:, 0], np.array([1.0, 0.0, 0.5, 1.0])),
        roles={"logits": "logits", "targets": "binary_targets"},
        options={"reduction": ("mean", "sum", "none"), "return_grad": (False, True)},
        properties={"nonnegative": ALWAYS},
        # #18 item 9: the true mean loss is 1e308
        extras={"mean-near-overflow": ((np.array([1e308, 1e308]), np.zeros(2)), {}, None)},
    ),
    Entry(
        "infomeasures.nn.check_grad",
        nn.check_grad,
        (_sum_tanh, X3, 1.0 - np.tanh(X3) ** 2),
        roles={"f": "callable", "x": "logits", "grad": "logits"},
        options={"eps": (None, 1e-6, 1e-4)},
        properties={"nonnegative": ALWAYS},
    ),
)

#: Public names that are not callables measured here, and why.
EXEMPT = MappingProxyType(
    {
        "infomeasures.__version__": "a version string, not a callable",
        "infomeasures.samples.MAX_CELLS": "an int constant (the largest dense table)",
        "infomeasures.ContinuousDataWarning": "the same class as samples.ContinuousDataWarning",
        "infomeasures.samples.ContinuousDataWarning": (
            "a Warning class, not a measure: its contract (issued by a count "
            "estimator on mostly distinct floats, silenced by discretizing) is "
            "tested in test_continuous.py"
        ),
        "infomeasures.samples.MutualInformationTestResult": (
            "the result class of `samples.mutual_information_test` (an entry): its "
            "fields and confidence_interval are tested in test_significance.py"
        ),
        "infomeasures.samples.Counts": (
            "a class: its constructors are covered by the entries "
            "`samples.counts` (Counts().update) and `samples.Counts.from_table`"
        ),
    }
)

#: Public functions without an entry yet: a gap, not an exemption.
#: `test_no_public_function_is_pending` keeps it empty.
PENDING: tuple[str, ...] = ()

BY_NAME = MappingProxyType({e.name: e for e in ENTRIES})

#: A model and data for calling a scorer returned by `make_scorer`/`get_scorer`.
SCORER_DATA = (_ConstantModel(), np.zeros((4, 2)), CLASSES)


def public_names() -> list[str]:
    """Qualified names in the ``__all__`` of every public module."""
    return [f"{m.__name__}.{n}" for m in MODULES for n in m.__all__]


def with_property(prop: str) -> list[tuple[Entry, Mapping]]:
    """(entry, keyword variant) for each case where `prop` holds."""
    return [(e, variant) for e in ENTRIES for variant in e.properties.get(prop, ())]


def variant_id(variant: Mapping) -> str:
    return ",".join(f"{k}={v}" for k, v in variant.items()) or "default"
