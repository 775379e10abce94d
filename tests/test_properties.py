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
from .strategies import distribution_pairs, label_columns, tables, valid_args

ATOL = 1e-12  # identities combine several rounded sums of O(log K) size


def cases(prop):
    """pytest params (entry, variant) for every case in which `prop` holds."""
    out = []
    for entry, variant in reg.with_property(prop):
        out.append(pytest.param(entry, variant, id=f"{entry.name}-{reg.variant_id(variant)}"))
    return out


def first(value):
    """The value of a call that may also return a gradient."""
    return value[0] if isinstance(value, tuple) else value


def swapped(entry, args):
    """The arguments with the two symmetric roles exchanged."""
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
    value = np.asarray(first(entry.func(*data.draw(valid_args(entry)), **variant)))
    assert not np.isnan(value).any()
    assert (value >= 0.0).all()


@pytest.mark.parametrize(("entry", "variant"), cases("symmetric"))
@given(data=st.data())
def test_symmetric(entry, variant, data):
    args = data.draw(valid_args(entry))
    assert math.isclose(
        entry.func(*args, **variant),
        entry.func(*swapped(entry, args), **variant),
        **symmetric_tolerance(entry),
    )


@pytest.mark.parametrize(("entry", "variant"), cases("bounded_by_log_k"))
@given(data=st.data())
def test_entropy_bounded_by_log_of_outcomes(entry, variant, data):
    (x,) = data.draw(valid_args(entry))
    k = len(x) if entry.roles.get("p") == "distribution" else len(np.unique(x))
    assert 0.0 <= entry.func(x, **variant) <= math.log2(k) + ATOL


@pytest.mark.parametrize(("entry", "variant"), cases("bounded_by_one_bit"))
@given(data=st.data())
def test_bounded_by_one_bit(entry, variant, data):
    bound = 1.0 if entry.roles.get("p") == "distribution" else 1.0 + ATOL
    assert entry.func(*data.draw(valid_args(entry)), **variant) <= bound


@pytest.mark.parametrize(("entry", "variant"), cases("bounded_by_one"))
@given(data=st.data())
def test_normalised_score_bounded_by_one(entry, variant, data):
    assert entry.func(*data.draw(valid_args(entry)), **variant) <= 1.0 + ATOL


@pytest.mark.parametrize(("entry", "variant"), cases("zero_on_identical"))
@given(data=st.data())
def test_identical_inputs_give_zero(entry, variant, data):
    x = data.draw(valid_args(entry))[0]
    assert entry.func(x, x, **variant) == 0.0


@pytest.mark.parametrize(("entry", "variant"), cases("terms_hold"))
@given(data=st.data())
def test_equals_its_signed_entropy_terms(entry, variant, data):
    """MI = H(X) + H(Y) - H(X,Y), H(X|Y) = H(X,Y) - H(Y), CMI by four terms."""
    args = data.draw(valid_args(entry))
    expected = sum(sign * entropy_of_group(entry, args, g, variant) for sign, g in entry.terms)
    assert math.isclose(entry.func(*args, **variant), expected, rel_tol=0.0, abs_tol=ATOL)


@pytest.mark.parametrize(("entry", "variant"), cases("bounded_by_marginal_entropy"))
@given(data=st.data())
def test_mi_bounded_by_each_entropy(entry, variant, data):
    args = data.draw(valid_args(entry))
    assert entry.func(*args, **variant) <= min(marginal_entropies(entry, args, variant)) + ATOL


@pytest.mark.parametrize(("entry", "variant"), cases("at_least_each_marginal"))
@given(data=st.data())
def test_joint_entropy_at_least_each_marginal(entry, variant, data):
    args = data.draw(valid_args(entry))
    assert entry.func(*args, **variant) >= max(marginal_entropies(entry, args, variant)) - ATOL


@pytest.mark.parametrize(("entry", "variant"), cases("base_scales"))
@given(data=st.data(), base=st.sampled_from(reg.BASES))
def test_base_change_scales_the_value(entry, variant, data, base):
    args = data.draw(valid_args(entry))
    factor = math.log(2) / math.log(base)
    bits = np.asarray(entry.func(*args, **variant))
    other = np.asarray(entry.func(*args, **variant, base=base))
    inf = np.isinf(bits)
    np.testing.assert_array_equal(other[inf], np.copysign(math.inf, factor * bits[inf]))
    np.testing.assert_allclose(other[~inf], bits[~inf] * factor, rtol=1e-13, atol=1e-300)


@pytest.mark.parametrize(("entry", "variant"), cases("batches"))
@given(data=st.data(), axis=st.sampled_from([0, 1, 2, -1]))
def test_batching_along_any_axis_equals_loop(entry, variant, data, axis):
    n_args = len(entry.args)
    pairs = [data.draw(distribution_pairs(min_k=3, max_k=3)) for _ in range(6)]
    arrays = [np.array([pair[i] for pair in pairs]).reshape(2, 3, 3) for i in range(n_args)]
    batched = entry.func(*(np.moveaxis(a, -1, axis) for a in arrays), axis=axis, **variant)
    looped = [
        [entry.func(*(a[i, j] for a in arrays), **variant) for j in range(3)] for i in (0, 1)
    ]
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
