"""Identities and inequalities of information theory, driven by the registry.

Each test loops over every registry entry (and, for the `samples` measures,
every count estimator) for which the property is a theorem; see the property
sets in `_registry.py`.  Adding a measure there gives it these tests.
"""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import infomeasures as im
from infomeasures import samples

from . import _registry as reg
from .reference import assert_ulps
from .strategies import distribution_pairs, distributions, label_columns, tables, valid_args

ATOL = 1e-12  # identities combine several rounded sums of O(log K) size


#: Entries with a known breach of the contract on some valid inputs, which
#: hypothesis may or may not draw (so not strict here); each has a strict
#: xfail reproducer in test_common's catalogue.
KNOWN_BREACHES: dict[str, str] = {}


def cases(prop):
    """Return pytest params (entry, variant) for every case in which `prop` holds."""
    out = []
    for entry, variant in reg.with_property(prop):
        marks = ()
        if entry.name in KNOWN_BREACHES and variant.get("alpha") not in (0, 1):
            marks = (pytest.mark.xfail(strict=False, reason=KNOWN_BREACHES[entry.name]),)
        case_id = f"{entry.name}-{reg.variant_id(variant)}"
        out.append(pytest.param(entry, variant, id=case_id, marks=marks))
    return out


def call(entry, args, variant, **more):
    """Call the entry's function on `args`, with its example keywords and the variant's."""
    return entry.func(*args, **{**entry.kwargs, **variant, **more})


def first(value):
    """Return the value of a call that may also return a gradient."""
    return value[0] if isinstance(value, tuple) else value


def swapped(entry, args):
    """Return the arguments with the two symmetric roles exchanged."""
    if entry.roles.get("pxy") == "table":
        return (args[0].T,)
    return (args[1], args[0], *args[2:])


def symmetric_tolerance(entry):
    # distribution pairs are computed term by term: symmetric to rounding;
    # tables and label measures combine sums in a different order.
    if entry.roles.get("p") == "distribution":
        return {"rel_tol": 1e-14, "abs_tol": 1e-300}
    if entry.roles.get("pxy") == "table":
        return {"rel_tol": 1e-12, "abs_tol": 1e-15}
    return {"rel_tol": 0.0, "abs_tol": ATOL}


def entropy_of_group(entry, args, group, variant):
    """Joint entropy of the variables (or table axes) in `group`."""
    if entry.name.startswith("infomeasures.samples."):
        return samples.joint_entropy(*(args[i] for i in group), **variant)
    table = args[0]
    other = tuple(a for a in range(table.ndim) if a not in group)
    return im.joint_entropy(table.sum(axis=other), **variant)


def marginal_entropies(entry, args, variant):
    return [entropy_of_group(entry, args, (i,), variant) for i in (0, 1)]


@pytest.mark.parametrize(("entry", "variant"), cases("nonnegative"))
@given(data=st.data())
def test_nonnegative_never_nan(entry, variant, data):
    value = np.asarray(first(call(entry, data.draw(valid_args(entry, variant)), variant)))
    assert not np.isnan(value).any()
    assert (value >= 0.0).all()


@pytest.mark.parametrize(("entry", "variant"), cases("symmetric"))
@given(data=st.data())
def test_symmetric(entry, variant, data):
    args = data.draw(valid_args(entry, variant))
    assert math.isclose(
        call(entry, args, variant),
        call(entry, swapped(entry, args), variant),
        **symmetric_tolerance(entry),
    )


@pytest.mark.parametrize(("entry", "variant"), cases("bounded_by_log_k"))
@given(data=st.data())
def test_entropy_bounded_by_log_of_outcomes(entry, variant, data):
    (x,) = data.draw(valid_args(entry, variant))
    k = len(x) if entry.roles.get("p") == "distribution" else len(np.unique(x))
    assert 0.0 <= call(entry, (x,), variant) <= math.log2(k) + ATOL


@pytest.mark.parametrize(("entry", "variant"), cases("bounded_by_one_bit"))
@given(data=st.data())
def test_bounded_by_one_bit(entry, variant, data):
    bound = 1.0 if entry.roles.get("p") == "distribution" else 1.0 + ATOL
    assert call(entry, data.draw(valid_args(entry, variant)), variant) <= bound


@pytest.mark.parametrize(("entry", "variant"), cases("bounded_by_one"))
@given(data=st.data())
def test_normalised_score_bounded_by_one(entry, variant, data):
    assert call(entry, data.draw(valid_args(entry, variant)), variant) <= 1.0 + ATOL


@pytest.mark.parametrize(("entry", "variant"), cases("zero_on_identical"))
@given(data=st.data())
def test_identical_inputs_give_zero(entry, variant, data):
    x = data.draw(valid_args(entry, variant))[0]
    assert call(entry, (x, x), variant) == 0.0


@pytest.mark.parametrize(("entry", "variant"), cases("terms_hold"))
@given(data=st.data())
def test_equals_its_signed_entropy_terms(entry, variant, data):
    """MI = H(X) + H(Y) - H(X,Y), H(X|Y) = H(X,Y) - H(Y), CMI by four terms."""
    args = data.draw(valid_args(entry, variant))
    expected = sum(sign * entropy_of_group(entry, args, g, variant) for sign, g in entry.terms)
    assert math.isclose(call(entry, args, variant), expected, rel_tol=0.0, abs_tol=ATOL)


@pytest.mark.parametrize(("entry", "variant"), cases("bounded_by_marginal_entropy"))
@given(data=st.data())
def test_mi_bounded_by_each_entropy(entry, variant, data):
    args = data.draw(valid_args(entry, variant))
    assert call(entry, args, variant) <= min(marginal_entropies(entry, args, variant)) + ATOL


@pytest.mark.parametrize(("entry", "variant"), cases("at_least_each_marginal"))
@given(data=st.data())
def test_joint_entropy_at_least_each_marginal(entry, variant, data):
    args = data.draw(valid_args(entry, variant))
    assert call(entry, args, variant) >= max(marginal_entropies(entry, args, variant)) - ATOL


@pytest.mark.parametrize(("entry", "variant"), cases("base_scales"))
@given(data=st.data(), base=st.sampled_from(reg.BASES))
def test_base_change_scales_the_value(entry, variant, data, base):
    args = data.draw(valid_args(entry, variant))
    factor = math.log(2) / math.log(base)
    bits = np.asarray(call(entry, args, variant))
    other = np.asarray(call(entry, args, variant, base=base))
    inf = np.isinf(bits)
    np.testing.assert_array_equal(other[inf], np.copysign(math.inf, factor * bits[inf]))
    np.testing.assert_allclose(other[~inf], bits[~inf] * factor, rtol=1e-13, atol=1e-300)


@pytest.mark.parametrize(("entry", "variant"), cases("batches"))
@given(data=st.data(), axis=st.sampled_from([0, 1, 2, -1]))
def test_batching_along_any_axis_equals_loop(entry, variant, data, axis):
    """Each batch row is the loop's value: bit for bit, or within accuracy for JS.

    Two short float vectors take JS's scalar path, on libm's log1p and atanh
    where a batch takes numpy's SIMD loops; each is within `assert_ulps`'s
    default 8 ulps of the true value, so they are within 16 of each other.
    """
    n_args = len(entry.args)
    pairs = [data.draw(distribution_pairs(min_k=3, max_k=3)) for _ in range(6)]
    arrays = [np.array([pair[i] for pair in pairs]).reshape(2, 3, 3) for i in range(n_args)]
    batched = call(entry, [np.moveaxis(a, -1, axis) for a in arrays], variant, axis=axis)
    looped = [[call(entry, [a[i, j] for a in arrays], variant) for j in range(3)] for i in (0, 1)]
    if entry.name in ("infomeasures.js_divergence", "infomeasures.js_distance"):
        assert_ulps(batched, np.array(looped), ulps=16)
    else:
        np.testing.assert_array_equal(batched, np.array(looped))


# ------------------------------------------- identities across several measures


def _chain_rule_cases():
    mi = reg.BY_NAME["infomeasures.samples.mutual_information"]
    cmi = reg.BY_NAME["infomeasures.samples.conditional_mutual_information"]
    both = [v for v in mi.properties["chain_rule"] if v in cmi.properties["chain_rule"]]
    return [p for p in cases("chain_rule") if p.values[0] is mi and p.values[1] in both]


@pytest.mark.parametrize(("entry", "variant"), _chain_rule_cases())
@given(xyz=label_columns(3))
def test_samples_chain_rule_for_mi(entry, variant, xyz):
    """I(X; Y, Z) = I(X; Z) + I(X; Y | Z), with (Y, Z) as one row-valued variable."""
    x, y, z = xyz
    whole = samples.mutual_information(x, np.column_stack([y, z]), **variant)
    parts = samples.mutual_information(x, z, **variant)
    parts += samples.conditional_mutual_information(x, y, z, **variant)
    assert whole == pytest.approx(parts, abs=ATOL)


@given(distribution_pairs())
def test_cross_entropy_is_entropy_plus_kl(pq):
    p, q = pq
    lhs = im.cross_entropy(p, q)
    rhs = im.entropy(p) + im.kl_divergence(p, q)
    if math.isinf(lhs) or math.isinf(rhs):
        assert lhs == rhs
    else:
        assert math.isclose(lhs, rhs, rel_tol=1e-12, abs_tol=ATOL)


@given(tables())
def test_mi_is_entropy_minus_conditional_entropy(pxy):
    hx = im.entropy(pxy.sum(axis=1))
    assert math.isclose(im.mutual_information(pxy), hx - im.conditional_entropy(pxy), abs_tol=ATOL)


@given(distribution_pairs(min_k=2))
def test_entropy_batch_along_axis_0_equals_loop(pq):
    p, _ = pq
    batch = np.stack([p, p[::-1], np.roll(p, 1)])
    np.testing.assert_array_equal(im.entropy(batch.T, axis=0), [im.entropy(r) for r in batch])


# ------------------------------------------- properties of the newer measures


@pytest.mark.parametrize(("entry", "variant"), cases("deterministic"))
@given(data=st.data())
def test_same_input_gives_identical_output(entry, variant, data):
    """No estimator draws random numbers or depends on state: bit-identical repeats."""
    args = data.draw(valid_args(entry, variant))
    np.testing.assert_array_equal(call(entry, args, variant), call(entry, args, variant))


@pytest.mark.parametrize(("entry", "variant"), cases("permutation_invariant"))
@given(data=st.data())
def test_invariant_under_a_permutation_of_the_variables(entry, variant, data):
    (table,) = data.draw(valid_args(entry, variant))
    order = data.draw(st.permutations(range(table.ndim)))
    assert math.isclose(
        call(entry, (table,), variant),
        call(entry, (np.transpose(table, order),), variant),
        rel_tol=1e-12,
        abs_tol=ATOL,
    )


@pytest.mark.parametrize(("entry", "variant"), cases("symmetric_pointwise"))
@given(data=st.data())
def test_pointwise_measure_of_the_transpose_is_the_transpose(entry, variant, data):
    (pxy,) = data.draw(valid_args(entry, variant))
    np.testing.assert_allclose(
        call(entry, (pxy.T,), variant), call(entry, (pxy,), variant).T, rtol=1e-13, atol=1e-15
    )


@pytest.mark.parametrize(("entry", "variant"), cases("mean_is_mutual_information"))
@given(data=st.data())
def test_mean_pmi_is_mutual_information(entry, variant, data):
    """Check sum p(x, y) pmi(x, y) over the support = I(X; Y)."""
    (pxy,) = data.draw(valid_args(entry, variant))
    pmi = call(entry, (pxy,), variant)
    assert not np.isnan(pmi).any()
    support = pxy > 0
    mean = float(np.sum(pxy[support] * pmi[support]))
    assert math.isclose(mean, im.mutual_information(pxy, **variant), rel_tol=1e-12, abs_tol=ATOL)


@pytest.mark.parametrize(("entry", "variant"), cases("bounded_by_one_in_magnitude"))
@given(data=st.data())
def test_normalised_pointwise_measure_in_minus_one_one(entry, variant, data):
    value = call(entry, data.draw(valid_args(entry, variant)), variant)
    assert not np.isnan(value).any()
    assert (np.abs(value) <= 1.0 + ATOL).all()


_ORDERS = st.one_of(st.floats(0, 50), st.sampled_from([0.0, 1.0, math.inf]))


@pytest.mark.parametrize(("entry", "variant"), cases("nonincreasing_in_alpha"))
@given(data=st.data(), a=_ORDERS, b=_ORDERS)
def test_renyi_entropy_nonincreasing_in_the_order(entry, variant, data, a, b):
    (p,) = data.draw(valid_args(entry, variant))
    lo, hi = sorted((a, b))
    h_lo, h_hi = (call(entry, (p,), variant, alpha=x) for x in (lo, hi))
    assert h_hi <= h_lo + 1e-12 * max(1.0, abs(h_lo))


@pytest.mark.parametrize(("entry", "variant"), cases("nondecreasing_in_alpha"))
@given(data=st.data(), a=_ORDERS, b=_ORDERS)
def test_renyi_divergence_nondecreasing_in_the_order(entry, variant, data, a, b):
    """Check van Erven and Harremoës (2014), Theorem 3."""
    p, q = data.draw(valid_args(entry, variant))
    lo, hi = sorted((a, b))
    d_lo, d_hi = (call(entry, (p, q), variant, alpha=x) for x in (lo, hi))
    assert d_lo <= d_hi + 1e-12 * max(1.0, abs(d_hi)) or d_hi == math.inf


@pytest.mark.parametrize(("entry", "variant"), cases("shannon_at_alpha_one"))
@given(data=st.data())
def test_renyi_entropy_of_order_one_is_shannon(entry, variant, data):
    (p,) = data.draw(valid_args(entry, variant))
    shannon = im.entropy(p)
    assert math.isclose(call(entry, (p,), variant, alpha=1), shannon, rel_tol=1e-12, abs_tol=ATOL)
    # the limit, from both sides: |dH/dalpha| <= Var(log p)/2 is finite
    for alpha in (1 - 1e-7, 1 + 1e-7):
        near = call(entry, (p,), variant, alpha=alpha)
        assert math.isclose(near, shannon, rel_tol=0.0, abs_tol=1e-4)


@pytest.mark.parametrize(("entry", "variant"), cases("kl_at_alpha_one"))
@given(data=st.data())
def test_renyi_divergence_of_order_one_is_kl(entry, variant, data):
    p, q = data.draw(valid_args(entry, variant))
    kl = im.kl_divergence(p, q)
    value = call(entry, (p, q), variant, alpha=1)
    assert value == kl if math.isinf(kl) else math.isclose(value, kl, rel_tol=1e-12, abs_tol=ATOL)


@pytest.mark.parametrize(("entry", "variant"), cases("shannon_at_q_one"))
@given(data=st.data())
def test_tsallis_entropy_of_index_one_is_shannon_in_nats(entry, variant, data):
    (p,) = data.draw(valid_args(entry, variant))
    nats = im.entropy(p, base=math.e)
    assert math.isclose(call(entry, (p,), variant, q=1), nats, rel_tol=1e-12, abs_tol=ATOL)
    for q in (1 - 1e-7, 1 + 1e-7):
        assert math.isclose(call(entry, (p,), variant, q=q), nats, rel_tol=0.0, abs_tol=1e-4)


@pytest.mark.parametrize(("entry", "variant"), cases("bounded_by_weight_entropy"))
@given(data=st.data(), m=st.integers(2, 5))
def test_generalised_js_bounded_by_entropy_of_the_weights(entry, variant, data, m):
    """JS_w(P_1..P_m) = H(sum w_i P_i) - sum w_i H(P_i) <= H(w) (Lin 1991)."""
    k = data.draw(st.integers(1, 8))
    stack = np.array([data.draw(distributions(min_k=k, max_k=k)) for _ in range(m)])
    weights = data.draw(distributions(min_k=m, max_k=m))
    value = call(entry, (stack,), variant, weights=weights)
    assert 0.0 <= value <= im.entropy(weights) + ATOL


@pytest.mark.parametrize(("entry", "variant"), cases("symmetric_matrix"))
@given(data=st.data())
def test_mutual_information_matrix_is_symmetric_and_pairwise(entry, variant, data):
    (columns,) = data.draw(valid_args(entry, variant))
    matrix = call(entry, (columns,), variant)
    np.testing.assert_allclose(matrix, matrix.T, rtol=0.0, atol=ATOL)
    for i in range(1, columns.shape[1]):
        pair = samples.mutual_information(columns[:, 0], columns[:, i], **variant)
        assert math.isclose(matrix[0, i], pair, rel_tol=1e-12, abs_tol=ATOL)


@given(tables(ndim=3, max_side=4))
def test_o_information_is_tc_minus_dtc(pxyz):
    o = im.total_correlation(pxyz) - im.dual_total_correlation(pxyz)
    assert math.isclose(im.o_information(pxyz), o, rel_tol=1e-12, abs_tol=ATOL)


@given(tables(ndim=3, max_side=4))
def test_interaction_information_is_cmi_minus_mi_and_minus_co_information(pxyz):
    """McGill's sign: II(X;Y;Z) = I(X;Y|Z) - I(X;Y) = -co-information."""
    ii = im.interaction_information(pxyz)
    cmi_minus_mi = im.conditional_mutual_information(pxyz) - im.mutual_information(pxyz.sum(2))
    assert math.isclose(ii, cmi_minus_mi, rel_tol=1e-12, abs_tol=ATOL)
    assert math.isclose(ii, -im.co_information(pxyz), rel_tol=1e-12, abs_tol=ATOL)


@given(tables(ndim=2))
def test_two_variable_multivariate_measures_are_mutual_information(pxy):
    mi = im.mutual_information(pxy)
    for f in (im.total_correlation, im.dual_total_correlation, im.co_information):
        assert math.isclose(f(pxy), mi, rel_tol=1e-12, abs_tol=ATOL)
