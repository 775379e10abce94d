"""Bad input raises a clear error naming the argument; nothing returns NaN.

The functions come from the registry by the role of their arguments, so a new
measure of distributions or tables is checked here without being listed.
"""

import inspect
import math

import numpy as np
import pytest
from mpmath import mp

import infomeasures as im
from infomeasures import metrics as M
from infomeasures import nn
from infomeasures import samples as S

from . import _registry as reg


def _with_roles(*roles):
    """Top-level entries whose data arguments (not weights) have these roles."""
    return [
        e
        for e in reg.ENTRIES
        if e.name.count(".") == 1 and tuple(r for r in e.roles.values() if r != "weights") == roles
    ]


ONE_ARG = _with_roles("distribution")
TWO_ARG = _with_roles("distribution", "distribution")
TABLES = [(e, e.args[0].ndim) for e in reg.ENTRIES if "table" in e.roles.values()]
JOINT = _with_roles("joint")
UNIT = _with_roles("unit")
WITH_BASE = [e for e in ONE_ARG + TWO_ARG if "base" in e.options]


def _funcs(entries):
    return {e.func for e in entries}


def test_role_lists_hold_at_least_the_original_measures():
    # guards against a registry change that empties a parametrisation
    assert {im.entropy, im.renyi_entropy, im.tsallis_entropy} <= _funcs(ONE_ARG)
    assert {
        im.cross_entropy,
        im.kl_divergence,
        im.js_divergence,
        im.js_distance,
        im.renyi_divergence,
    } <= _funcs(TWO_ARG)
    assert {im.joint_entropy, im.conditional_mutual_information} <= {e.func for e, _ in TABLES}
    assert {im.pointwise_mutual_information} <= {e.func for e, _ in TABLES}
    assert {im.total_correlation, im.o_information, im.interaction_information} <= _funcs(JOINT)
    assert {im.binary_entropy, im.self_information} <= _funcs(UNIT)
    # tsallis_entropy has no base: its value is in its own units
    assert im.tsallis_entropy not in _funcs(WITH_BASE)


def run(e, *args, **kwargs):
    """Return the entry's function with its example keywords (alpha, q)."""
    return e.func(*args, **{**e.kwargs, **kwargs})


def _call(e, p, **kwargs):
    return run(e, p, [0.5, 0.5], **kwargs) if e in TWO_ARG else run(e, p, **kwargs)


@pytest.mark.parametrize("e", ONE_ARG + TWO_ARG, ids=repr)
class TestVectorInput:
    def test_negative(self, e):
        with pytest.raises(ValueError, match=r"`p` has negative entries"):
            _call(e, [1.5, -0.5])

    def test_nan(self, e):
        with pytest.raises(ValueError, match=r"`p` contains NaN"):
            _call(e, [0.5, np.nan])

    def test_inf(self, e):
        with pytest.raises(ValueError, match=r"`p` contains infinite"):
            _call(e, [np.inf, 0.5])

    def test_not_normalised_points_to_normalize(self, e):
        with pytest.raises(
            ValueError, match=r"`p` must sum to 1 \(it sums to 0\.6\).*normalize=True"
        ):
            _call(e, [0.3, 0.3])

    def test_empty(self, e):
        with pytest.raises(ValueError, match=r"`p` is empty"):
            run(e, []) if e in ONE_ARG else run(e, [], [])

    def test_scalar(self, e):
        with pytest.raises(ValueError, match=r"`p` must have at least one dimension"):
            _call(e, 1.0)

    def test_wrong_type(self, e):
        with pytest.raises(TypeError, match=r"`p` must hold real numbers"):
            _call(e, ["a", "b"])
        with pytest.raises(TypeError, match=r"`p` must hold real numbers"):
            _call(e, [0.5 + 0j, 0.5])

    def test_bad_axis(self, e):
        with pytest.raises(ValueError, match=r"`axis` 3 is out of bounds"):
            _call(e, [0.5, 0.5], axis=3)

    def test_all_zero_weights(self, e):
        with pytest.raises(ValueError, match=r"weights are all zero"):
            run(e, [0, 0], normalize=True) if e in ONE_ARG else run(
                e, [0, 0], [1, 1], normalize=True
            )


@pytest.mark.parametrize("e", WITH_BASE, ids=repr)
@pytest.mark.parametrize("base", [1, 0, -2, math.inf, math.nan])
def test_bad_base(e, base):
    with pytest.raises(ValueError, match=r"`base`"):
        _call(e, [0.5, 0.5], base=base)


@pytest.mark.parametrize("e", WITH_BASE, ids=repr)
def test_base_type(e):
    with pytest.raises(TypeError, match=r"`base` must be a real number"):
        _call(e, [0.5, 0.5], base="2")


@pytest.mark.parametrize("e", TWO_ARG, ids=repr)
def test_q_is_named(e):
    with pytest.raises(ValueError, match=r"`q` has negative entries"):
        run(e, [0.5, 0.5], [1.5, -0.5])


@pytest.mark.parametrize("e", TWO_ARG, ids=repr)
def test_mismatched_outcomes(e):
    with pytest.raises(ValueError, match=r"same number of outcomes.*got 3 and 2"):
        run(e, [0.2, 0.3, 0.5], [0.5, 0.5])
    with pytest.raises(ValueError, match=r"got 1 and 2"):
        run(e, [1.0], [0.5, 0.5])
    with pytest.raises(ValueError, match=r"do not broadcast"):
        run(e, np.full((2, 2), 0.5), np.full((3, 2), 0.5))


def test_batch_sum_error_says_along_axis():
    with pytest.raises(ValueError, match=r"must sum to 1 along `axis` \(it sums to 0\.5\)"):
        im.entropy([[0.5, 0.5], [0.25, 0.25]])


def test_float32_tolerance():
    # float32 rounding of a valid vector must not be rejected
    p = (np.ones(1000, dtype=np.float32) / np.float32(3)) * np.float32(0.003)
    assert math.isfinite(im.entropy(p))


@pytest.mark.parametrize(("e", "ndim"), TABLES, ids=repr)
def test_table_errors(e, ndim):
    if ndim == 3 or e.func is not im.joint_entropy:
        with pytest.raises(ValueError, match=rf"must be a {ndim}-D table"):
            run(e, [0.5, 0.5])
    negative = np.full((2,) * ndim, 1.0) * np.array([-1, 1] * 2 ** (ndim - 1)).reshape((2,) * ndim)
    with pytest.raises(ValueError, match=r"`pxy.*` has negative entries"):
        run(e, negative)


@pytest.mark.parametrize("e", JOINT, ids=repr)
def test_joint_table_errors(e):
    # the O-information needs three variables: the others two
    axes = 3 if e.func is im.o_information else 2
    with pytest.raises(ValueError, match=rf"`p` must be a joint table with at least {axes} axes"):
        run(e, np.full((2,) * (axes - 1), 0.5 ** (axes - 1)))
    negative = np.full((2, 2, 2), 0.25) * np.array([-1, 1] * 4).reshape(2, 2, 2)
    with pytest.raises(ValueError, match=r"`p` has negative entries"):
        run(e, negative)


@pytest.mark.parametrize("e", UNIT, ids=repr)
def test_unit_interval(e):
    with pytest.raises(ValueError, match=r"`p` has entries above 1"):
        run(e, [0.5, 1.5])
    with pytest.raises(ValueError, match=r"`p` has negative entries"):
        run(e, -0.1)
    with pytest.raises(ValueError, match=r"`p` contains NaN"):
        run(e, np.nan)


@pytest.mark.parametrize(
    ("func", "param", "values"),
    [
        (im.renyi_entropy, "alpha", [-1, math.nan, "2", 1j]),
        (im.renyi_divergence, "alpha", [-1, math.nan, "2", 1j]),
        (im.tsallis_entropy, "q", [0, -1, math.inf, math.nan, "2", 1j]),
    ],
)
def test_order_is_validated_and_named(func, param, values):
    e = next(e for e in reg.ENTRIES if e.func is func)
    for value in values:
        with pytest.raises((ValueError, TypeError), match=rf"`{param}`"):
            run(e, *e.args, **{param: value})


def test_no_mutation_of_any_argument():
    p = np.array([[3.0, 1.0], [1.0, 1.0]])
    q = np.array([[1.0, 1.0], [1.0, 3.0]])
    before = (p.copy(), q.copy())
    for e in TWO_ARG:
        run(e, p, q, normalize=True)
    im.mutual_information(p, normalize=True)
    np.testing.assert_array_equal(p, before[0])
    np.testing.assert_array_equal(q, before[1])
    pxyz = np.arange(1.0, 9.0).reshape(2, 2, 2)
    for e in JOINT:
        run(e, pxyz, normalize=True)
    np.testing.assert_array_equal(pxyz, np.arange(1.0, 9.0).reshape(2, 2, 2))


BASED = [e for e in reg.ENTRIES if "base" in inspect.signature(e.func).parameters]


@pytest.mark.parametrize("e", BASED, ids=repr)
@pytest.mark.parametrize("base", [np.zeros(2), np.array([]), np.array([2.0])], ids=str)
def test_base_given_as_array_is_named_bug(e, base):
    # `base == 2` was evaluated before the type check: numpy's truth-value error
    with pytest.raises(TypeError, match=r"`base` must be a real number, got ndarray"):
        run(e, *e.args, base=base)


# ---- messages that name the argument (issue 18: the common test's unnamed errors)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: S.entropy([]), r"no observations: `x` is empty"),
        (lambda: S.entropy([np.nan], nan_policy="omit"), r"no observations: `x` is empty"),
        (lambda: S.mutual_information([], []), r"no observations: `x` and `y` are empty"),
        (lambda: S.kl_divergence([0, 1], []), r"no observations: `y` is empty"),
        (lambda: S.joint_entropy([], []), r"`variables\[0\]` and `variables\[1\]` are empty"),
    ],
)
def test_empty_observations_name_the_variable_bug(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_counts_among_variables_is_named_bug():
    c = S.Counts.from_table([3, 1])
    with pytest.raises(TypeError, match=r"`y` is a Counts: pass either one Counts"):
        S.mutual_information([0, 1, 1, 0], c)
    with pytest.raises(TypeError, match=r"`x` and `z` are Counts"):
        S.conditional_mutual_information(c, [0, 1], c)


def test_unorderable_labels_are_named_bug():
    mixed = np.array(["a", 10**400, "b"], dtype=object)
    with pytest.raises(TypeError, match=r"`y` holds labels that are not mutually orderable"):
        S.mutual_information([0, 1, 1], mixed)
    with pytest.raises(TypeError, match=r"`labels_pred` holds labels that are not mutually"):
        M.mutual_info_score([0, 1, 1], mixed)
    with pytest.raises(TypeError, match=r"`categories\[0\]` holds labels that are not mutually"):
        S.Counts.from_table([1, 2, 3], categories=[mixed])


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda r: S.entropy_from_counts(r), "counts"),
        (lambda r: S.Counts.from_table(r), "table"),
        (lambda r: M.mutual_info_score(None, None, contingency=r), "contingency"),
        (lambda r: M.mutual_info_score(r, [0, 1]), "labels_true"),
        (lambda r: M.variation_of_information([0, 1], r), "labels_pred"),
        (lambda r: M.log_loss([0, 1], r), "y_proba"),
        (lambda r: nn.softmax(r), "z"),
        (lambda r: nn.sigmoid_binary_cross_entropy(r, [0.0, 1.0]), "logits"),
        (lambda r: im.entropy(r), "p"),
    ],
)
def test_ragged_input_is_named_bug(call, name):
    # numpy's own error ("setting an array element with a sequence") named nothing
    with pytest.raises(ValueError, match=rf"`{name}` must be a rectangular array"):
        call([[0.5, 0.5], [0.5]])


@pytest.mark.parametrize("table", ["x", {"a": 1}, 5], ids=repr)
def test_table_that_is_not_an_array_is_named_bug(table):
    with pytest.raises(ValueError, match=r"`counts` must be an array of counts"):
        S.entropy_from_counts(table)
    with pytest.raises(ValueError, match=r"`contingency` must be an array of counts"):
        M.mutual_info_score(None, None, contingency=table)
    with pytest.raises(ValueError, match=r"`counts` must be an array of counts.*got None"):
        S.entropy_from_counts(None)


def test_contingency_errors_name_contingency_bug():
    with pytest.raises(ValueError, match=r"`contingency` must hold whole-number counts"):
        M.mutual_info_score(None, None, contingency=[[0.5, 1.0], [1.0, 2.0]])
    with pytest.raises(TypeError, match=r"`contingency` must hold integer counts"):
        M.mutual_info_score(None, None, contingency=np.ones((2, 2), dtype=complex))


def test_float16_counts_leak_no_overflow_bug():
    # comparing a float16 maximum with 2.0**63 cast 2**63 to float16: an overflow warning
    counts = np.array([5, 3, 0, 1, 1])
    expected = S.entropy_from_counts(counts)
    assert S.entropy_from_counts(counts.astype(np.float16)) == expected
    table = np.array([[3, 1], [0, 2]])
    assert S.Counts.from_table(table.astype(np.float16)) == S.Counts.from_table(table)


@pytest.mark.parametrize("categories", [0, 1.5, "x", [1, 2], np.zeros(2), 1j], ids=repr)
def test_categories_not_a_sequence_of_arrays_is_named_bug(categories):
    with pytest.raises(TypeError, match=r"`categories` must be a sequence of label arrays"):
        S.Counts.from_table([[3, 1], [0, 2]], categories=categories)


def test_counts_given_as_labels_are_named_bug():
    c = S.Counts.from_table([3, 1])
    for score in (M.mutual_info_score, M.adjusted_mutual_info_score, M.variation_of_information):
        with pytest.raises(TypeError, match=r"`labels_true` must be an array of labels"):
            score(c, [0, 1])


def test_log_loss_class_errors_name_y_true_bug():
    with pytest.raises(ValueError, match=r"at least two classes, got \[1\.0\] in `y_true`"):
        M.log_loss([1.0, 1.0], [0.5, 0.5])
    with pytest.raises(
        ValueError, match=r"3 columns but there are 2 classes \[0, 1\] in `y_true`"
    ):
        M.log_loss([0, 1], [[0.2, 0.3, 0.5]] * 2)


# ---- overflow at huge orders and weights (issue 18: leaked warnings)


@pytest.mark.parametrize("alpha", [1e301, 1e308, 10**400])
def test_renyi_at_huge_orders_is_the_min_entropy_bug(alpha):
    # (alpha - 1) log p overflowed: a warning, and inf where every cell overflowed
    for p in ([0.1, 0.9], [0.01] * 100, [0.5, 0.25, 0.25]):
        expected = -math.log2(max(p))  # closed form: H_inf = -log2 max p
        assert im.renyi_entropy(p, alpha) == pytest.approx(expected, rel=1e-15)
    # D_inf = log2 max p/q: closed form
    d = im.renyi_divergence([0.5, 0.5], [1e-10, 1 - 1e-10], alpha)
    assert d == pytest.approx(math.log2(0.5 / 1e-10), rel=1e-15)


def test_tsallis_at_huge_index_bug():
    # S_q = (1 - sum p^q) / (q - 1) with p^q = 0 for p < 1: closed form 1 / (q - 1)
    assert im.tsallis_entropy([0.1, 0.9], 1e308) == pytest.approx(1e-308, rel=1e-12)
    assert im.tsallis_entropy([0.0, 1.0], 1e308) == 0.0


def test_mixture_weights_whose_sum_overflows_bug():
    with pytest.raises(ValueError, match=r"`weights` must sum to 1 \(it sums to inf\)"):
        im.js_divergence([0.5, 0.5], [0.9, 0.1], weights=[1e308, 1e308])


def test_huge_pseudocount_is_uniform_bug():
    # a pseudocount of 1e308 on two cells summed past the float range: the
    # smoothed distributions are uniform, so H(P, Q) = 1 bit and D = 0 (closed form)
    assert S.cross_entropy([0, 1, 1], [0, 1, 0], pseudocount=1e308) == pytest.approx(1.0)
    assert S.kl_divergence([0, 1, 1], [0, 1, 0], pseudocount=1e308) == pytest.approx(0.0)


# ---- discretize at the boundary (issue 18: MemoryError, IndexError, leaked warnings)

_NORMAL = np.random.default_rng(0).normal(size=30)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"bins": 2**20 + 1}, r"`bins` must be at most 1,048,576"),
        ({"bins": 10**10}, r"`bins` must be at most 1,048,576"),
        ({"bins": 2**63 + 5}, r"`bins` must be at most 1,048,576"),
        ({"bins": 1j}, r"`bins` must be a positive integer"),
        ({"bins": np.array([0j, 3])}, r"`bins` must be a positive integer"),
        ({"bins": np.array([0, 1, 2], dtype=object)}, r"`bins` must be a positive integer"),
        ({"range": (-1e12, 1e12)}, r"`bins` 'auto' asks for .* bins over `range`"),
        ({"range": (-1e300, 1e300)}, r"`bins` 'auto' asks for .* bins over `range`"),
        ({"range": np.array([-100 + 0j, 100])}, r"`range` must be a pair"),
        ({"range": np.ma.masked_array([0.0, 100.0], [True, False])}, r"`range` must be a pair"),
        ({"range": (0, 10**400)}, r"`range` must be finite"),
    ],
    ids=repr,
)
def test_discretize_absurd_bins_and_range_are_named_bug(kwargs, message):
    with pytest.raises(ValueError, match=message):
        S.discretize(_NORMAL, **kwargs)


@pytest.mark.parametrize(
    ("x", "message"),
    [
        (np.full(30, 1e308), r"`x` \(column 0\) is constant at 1e\+308"),
        ([1e308, -1e308, 1e308], r"`x` \(column 0\) spans \[-1e\+308, 1e\+308\]"),
    ],
)
def test_discretize_extreme_values_blame_x_bug(x, message):
    # the first blamed `bins`, the second leaked numpy's overflow in subtract
    with pytest.raises(ValueError, match=message):
        S.discretize(x)


def test_discretize_rule_counts_bins_before_building_them_bug():
    # the edges of a rule are numpy's own, computed from its bin count
    x = np.random.default_rng(1).normal(size=200)
    for rule in ("auto", "fd", "scott", "stone", "doane"):
        for rng in (None, (-5.0, 5.0)):
            edges = np.histogram_bin_edges(x, bins=rule, range=rng)  # numpy: the reference
            codes = S.discretize(x, rule, range=rng)
            np.testing.assert_array_equal(
                np.bincount(codes, minlength=edges.size - 1), np.histogram(x, bins=edges)[0]
            )
    # a constant column under quantile bins is one bin, whatever its value
    np.testing.assert_array_equal(S.discretize(np.full(5, 1e308), strategy="quantile"), 0)


def test_discretize_no_columns_is_named_bug():
    # numpy's "need at least one array to stack" named nothing
    with pytest.raises(ValueError, match=r"`x` must be a non-empty 1-D or 2-D array"):
        S.discretize(np.zeros((3, 0)))


def test_negative_float_count_beyond_int64_is_refused_before_the_cast_bug():
    # the cast of -1e19 to int64 leaked "invalid value encountered in cast"
    with pytest.raises(ValueError, match=r"`counts` must be non-negative"):
        S.entropy_from_counts(np.array([-1e19, 1.0]))


# ---- mutual_information_matrix names its own arguments (issue 18: it blamed `x`/`y`)

_RAMP = np.arange(6.0)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: S.mutual_information_matrix(
                np.c_[[0.0, 1, 2], [np.nan, 1, 2]], estimator="ksg"
            ),
            r"`data\[:, 1\]` contains NaN",
        ),
        (
            lambda: S.mutual_information_matrix(np.c_[[0, 1], [1, 0]], target=[1]),
            r"`data\[:, 0\]` and `target` must hold the same number of observations",
        ),
        (lambda: S.mutual_information_matrix(np.zeros((0, 2))), r"`data\[:, 0\]` is empty"),
        (lambda: S.mutual_information_matrix([[0, 1], [1]]), r"`data` must be a rectangular"),
        (
            lambda: S.mutual_information_matrix(np.c_[_RAMP, np.full(6, 1.5)], estimator="ksg"),
            r"`data\[:, 1\]` is constant",
        ),
        (
            lambda: S.mutual_information_matrix(
                np.c_[_RAMP, np.full(6, 1.5)], estimator="gaussian-copula"
            ),
            r"`data\[:, 1\]` is constant",
        ),
        (
            lambda: S.mutual_information_matrix(
                np.c_[_RAMP, _RAMP**2], target=np.ones(6), estimator="gaussian"
            ),
            r"`target` is constant",
        ),
    ],
)
def test_mutual_information_matrix_errors_name_data_and_target_bug(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_constant_continuous_variable_is_named_by_every_estimator_bug():
    # the Gaussian estimators reported a singular covariance of `(x, y)`
    for estimator in ("ksg", "gaussian", "gaussian-copula"):
        with pytest.raises(ValueError, match=r"`y` is constant"):
            S.mutual_information(_RAMP, np.full(6, 2.0), estimator=estimator)
        with pytest.raises(ValueError, match=r"`x` \(column 1\) is constant"):
            S.mutual_information(np.c_[_RAMP, np.ones(6)], _RAMP**2, estimator=estimator)


# ---- Python-int counts beyond the float range (issue 18: OverflowError)


def _mp_entropy_bits(counts) -> float:
    """Plug-in entropy in bits of exact counts: mpmath, 50 digits."""
    with mp.workdps(50):
        n = mp.mpf(sum(counts))
        return float(-mp.fsum(mp.mpf(c) / n * mp.log(mp.mpf(c) / n, 2) for c in counts if c))


def _mp_mutual_information_nats(table) -> float:
    """Plug-in I(X; Y) in nats of an exact 2-D table: mpmath, 50 digits."""
    with mp.workdps(50):
        n = mp.mpf(sum(map(sum, table)))
        rows = [mp.mpf(sum(r)) for r in table]
        cols = [mp.mpf(sum(c)) for c in zip(*table, strict=True)]
        return float(
            mp.fsum(
                mp.mpf(c) / n * mp.log(mp.mpf(c) * n / (rows[i] * cols[j]))
                for i, r in enumerate(table)
                for j, c in enumerate(r)
                if c
            )
        )


@pytest.mark.parametrize(
    "counts",
    [[10**400, 10**400, 2 * 10**400], [10**400, 10**399, 7], [3 * 10**350, 10**349, 1]],
    ids=str,
)
def test_entropy_of_counts_beyond_the_float_range_bug(counts):
    expected = _mp_entropy_bits(counts)
    assert S.entropy_from_counts(counts) == pytest.approx(expected, rel=1e-14, abs=1e-300)
    assert S.entropy(S.Counts.from_table(counts)) == pytest.approx(expected, rel=1e-14)


def test_other_estimators_refuse_totals_beyond_the_float_range_bug():
    with pytest.raises(ValueError, match=r"`estimator` 'miller-madow' computes with the total"):
        S.entropy_from_counts([10**400, 10**400], estimator="miller-madow")


@pytest.mark.parametrize(
    "table",
    [
        [[3 * 10**400, 10**400], [10**400, 3 * 10**400 + 5]],
        [[10**400, 1], [7, 2]],
        [[10**400, 0], [0, 10**400]],
        [[2 * 10**310, 10**310], [10**200, 5 * 10**309]],
    ],
    ids=str,
)
def test_mutual_information_of_tables_beyond_the_float_range_bug(table):
    expected = _mp_mutual_information_nats(table)
    got = M.mutual_info_score(None, None, contingency=table)
    assert got == pytest.approx(expected, rel=1e-14, abs=1e-300)
    c = S.Counts.from_table(np.array(table, dtype=object))
    bits = S.mutual_information(c)
    assert bits == pytest.approx(expected / math.log(2), rel=1e-14, abs=1e-300)
    # H(X | Y) = H(X) - I(X; Y), each from mpmath
    h_x = _mp_entropy_bits([sum(r) for r in table])
    assert S.conditional_entropy(c) == pytest.approx(h_x - expected / math.log(2), abs=1e-14)


def test_kl_divergence_of_counts_beyond_the_float_range_bug():
    x, y = [3 * 10**400, 10**400], [1, 1]
    with mp.workdps(50):  # mpmath, 50 digits
        expected = float(mp.mpf(3) / 4 * mp.log(mp.mpf(3) / 2, 2) + mp.mpf(1) / 4 * mp.log(0.5, 2))
    got = S.kl_divergence(S.Counts.from_table(x), S.Counts.from_table(y))
    assert got == pytest.approx(expected, rel=1e-14)
    assert S.kl_divergence(S.Counts.from_table([10**400, 1]), S.Counts.from_table([1, 0])) == (
        math.inf
    )


def _mp_two_sample_bits(x, y, a=0):
    """H(P, Q), D(P || Q) and JS(P, Q) in bits of smoothed exact counts: mpmath, 50 digits."""
    with mp.workdps(50):
        p = [mp.mpf(c) + a for c in x]
        q = [mp.mpf(c) + a for c in y]
        p, q = [c / mp.fsum(p) for c in p], [c / mp.fsum(q) for c in q]
        m = [(u + w) / 2 for u, w in zip(p, q, strict=True)]

        def kl(u, w):
            return mp.fsum(s * mp.log(s / t, 2) for s, t in zip(u, w, strict=True) if s)

        ce = -mp.fsum(s * mp.log(t, 2) for s, t in zip(p, q, strict=True) if s)
        return float(ce), float(kl(p, q)), float((kl(p, m) + kl(q, m)) / 2)


@pytest.mark.parametrize(
    ("x", "y", "a"),
    [
        ([3 * 10**400, 10**400], [1, 3], 0),
        ([10**400, 7], [2 * 10**350, 10**351], 0),
        ([3 * 10**400, 0], [1, 3], 0.5),
        ([10**400, 0, 5], [0, 10**400, 1], 1),
    ],
    ids=str,
)
def test_two_sample_measures_of_counts_beyond_the_float_range_bug(x, y, a):
    ce, kl, js = _mp_two_sample_bits(x, y, a)
    cx, cy = S.Counts.from_table(x), S.Counts.from_table(y)
    assert S.cross_entropy(cx, cy, pseudocount=a) == pytest.approx(ce, rel=1e-14)
    assert S.kl_divergence(cx, cy, pseudocount=a) == pytest.approx(kl, rel=1e-14)
    if a == 0:  # js_divergence takes no pseudocount
        assert S.js_divergence(cx, cy) == pytest.approx(js, rel=1e-14)
