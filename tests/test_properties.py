"""Identities and inequalities of information theory, driven by lists of measures."""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import infomeasures as im
from infomeasures import metrics, samples

from .strategies import distribution_pairs, distributions, label_columns, tables

ATOL = 1e-12  # identities combine several rounded sums of O(log K) size

NONNEG_PAIR = [im.cross_entropy, im.kl_divergence, im.js_divergence, im.js_distance]
SYMMETRIC_PAIR = [im.js_divergence, im.js_distance]
NONNEG_TABLE2 = [
    im.joint_entropy,
    im.conditional_entropy,
    im.mutual_information,
]
ALL_PAIR = [im.cross_entropy, im.kl_divergence, im.js_divergence]
BASES = [2, math.e, 10, 0.5, 3.7]


@given(distributions())
def test_entropy_bounds(p):
    h = im.entropy(p)
    assert 0.0 <= h <= math.log2(len(p)) + ATOL


@pytest.mark.parametrize("f", NONNEG_PAIR)
@given(pq=distribution_pairs())
def test_pair_nonnegative_never_nan(f, pq):
    d = f(*pq)
    assert not math.isnan(d)
    assert d >= 0.0


@pytest.mark.parametrize("f", SYMMETRIC_PAIR)
@given(pq=distribution_pairs())
def test_pair_symmetric(f, pq):
    p, q = pq
    assert math.isclose(f(p, q), f(q, p), rel_tol=1e-14, abs_tol=1e-300)


@given(distribution_pairs())
def test_js_bounded_by_one_bit(pq):
    assert im.js_divergence(*pq) <= 1.0
    assert im.js_distance(*pq) <= 1.0


@given(distribution_pairs())
def test_cross_entropy_is_entropy_plus_kl(pq):
    p, q = pq
    lhs = im.cross_entropy(p, q)
    rhs = im.entropy(p) + im.kl_divergence(p, q)
    if math.isinf(lhs) or math.isinf(rhs):
        assert lhs == rhs
    else:
        assert math.isclose(lhs, rhs, rel_tol=1e-12, abs_tol=ATOL)


@given(distribution_pairs())
def test_identical_inputs_give_zero(pq):
    p, _ = pq
    assert im.kl_divergence(p, p) == 0.0
    assert im.js_divergence(p, p) == 0.0


@pytest.mark.parametrize("f", NONNEG_TABLE2)
@given(pxy=tables())
def test_table_nonnegative(f, pxy):
    assert f(pxy) >= 0.0


@given(tables())
def test_mi_symmetric(pxy):
    assert math.isclose(
        im.mutual_information(pxy), im.mutual_information(pxy.T), rel_tol=1e-12, abs_tol=1e-15
    )


@given(tables())
def test_chain_rules(pxy):
    hxy = im.joint_entropy(pxy)
    hx = im.entropy(pxy.sum(axis=1))
    hy = im.entropy(pxy.sum(axis=0))
    h_x_given_y = im.conditional_entropy(pxy)
    mi = im.mutual_information(pxy)
    assert math.isclose(h_x_given_y, hxy - hy, abs_tol=ATOL)
    assert math.isclose(mi, hx + hy - hxy, abs_tol=ATOL)
    assert math.isclose(mi, hx - h_x_given_y, abs_tol=ATOL)
    assert mi <= min(hx, hy) + ATOL


@given(tables(ndim=3, max_side=4))
def test_cmi_entropy_expansion(pxyz):
    hxz = im.joint_entropy(pxyz.sum(axis=1))
    hyz = im.joint_entropy(pxyz.sum(axis=0))
    hz = im.entropy(pxyz.sum(axis=(0, 1)))
    hxyz = im.joint_entropy(pxyz)
    cmi = im.conditional_mutual_information(pxyz)
    assert cmi >= 0.0
    assert math.isclose(cmi, hxz + hyz - hxyz - hz, abs_tol=ATOL)


@pytest.mark.parametrize("base", BASES)
@given(pq=distribution_pairs(min_k=2))
def test_base_change_scales_every_measure(base, pq):
    p, q = pq
    factor = math.log(2) / math.log(base)
    pxy = (
        np.outer(p, q) * 0.5 + np.diag(p)[:, : len(q)] * 0.5
        if len(p) == len(q)
        else np.outer(p, q)
    )
    measures = [
        (im.entropy, (p,)),
        (im.cross_entropy, (p, q)),
        (im.kl_divergence, (p, q)),
        (im.js_divergence, (p, q)),
        (im.mutual_information, (pxy,)),
        (im.conditional_entropy, (pxy,)),
    ]
    for f, args in measures:
        bits, other = f(*args), f(*args, base=base)
        if math.isinf(bits):
            assert other == math.copysign(math.inf, factor)
        else:
            assert math.isclose(other, bits * factor, rel_tol=1e-13, abs_tol=1e-300)


@pytest.mark.parametrize("f", ALL_PAIR)
@given(data=st.data(), axis=st.sampled_from([0, 1, 2, -1]))
def test_batching_along_any_axis_equals_loop(f, data, axis):
    pairs = [data.draw(distribution_pairs(min_k=3, max_k=3)) for _ in range(6)]
    p = np.array([a for a, _ in pairs]).reshape(2, 3, 3)
    q = np.array([b for _, b in pairs]).reshape(2, 3, 3)
    pm, qm = np.moveaxis(p, -1, axis), np.moveaxis(q, -1, axis)
    batched = f(pm, qm, axis=axis)
    looped = np.array([[f(p[i, j], q[i, j]) for j in range(3)] for i in range(2)])
    np.testing.assert_array_equal(batched, looped)


@given(distributions(min_k=2))
def test_entropy_batch_equals_loop(p):
    batch = np.stack([p, p[::-1], np.roll(p, 1)])
    np.testing.assert_array_equal(im.entropy(batch.T, axis=0), [im.entropy(r) for r in batch])


# ------------------------------------------------------------ samples (plug-in)


@given(label_columns(2))
def test_samples_mi_nonnegative_symmetric_bounded(xy):
    x, y = xy
    mi = samples.mutual_information(x, y)
    assert mi >= 0.0
    assert mi == pytest.approx(samples.mutual_information(y, x), abs=ATOL)
    assert mi <= min(samples.entropy(x), samples.entropy(y)) + ATOL


@given(label_columns(2))
def test_samples_entropy_identities(xy):
    x, y = xy
    hx, hy, hxy = samples.entropy(x), samples.entropy(y), samples.joint_entropy(x, y)
    assert 0.0 <= hx <= math.log2(len(np.unique(x))) + ATOL
    assert samples.mutual_information(x, y) == pytest.approx(hx + hy - hxy, abs=ATOL)
    assert samples.conditional_entropy(x, y) == pytest.approx(hxy - hy, abs=ATOL)


@given(label_columns(3))
def test_samples_chain_rule_for_mi(xyz):
    """I(X; Y, Z) = I(X; Z) + I(X; Y | Z), with (Y, Z) as one row-valued variable."""
    x, y, z = xyz
    whole = samples.mutual_information(x, np.column_stack([y, z]))
    parts = samples.mutual_information(x, z) + samples.conditional_mutual_information(x, y, z)
    assert whole == pytest.approx(parts, abs=ATOL)
    assert samples.conditional_mutual_information(x, y, z) >= 0.0


@given(label_columns(2))
def test_samples_js_bounded_and_symmetric(xy):
    x, y = xy
    js = samples.js_divergence(x, y)
    assert 0.0 <= js <= 1.0 + ATOL
    assert js == pytest.approx(samples.js_divergence(y, x), abs=ATOL)
    assert samples.kl_divergence(x, x) == 0.0


@given(label_columns(2))
def test_clustering_metrics_bounded_and_symmetric(uw):
    u, w = uw
    for method in ("min", "geometric", "arithmetic", "max"):
        nmi = metrics.normalized_mutual_info_score(u, w, average_method=method)
        assert 0.0 <= nmi <= 1.0 + ATOL
        assert nmi == pytest.approx(
            metrics.normalized_mutual_info_score(w, u, average_method=method), abs=ATOL
        )
    assert metrics.adjusted_mutual_info_score(u, w) <= 1.0 + ATOL
    vi = metrics.variation_of_information(u, w)
    assert vi >= 0.0
    assert vi == pytest.approx(metrics.variation_of_information(w, u), abs=ATOL)
    assert 0.0 <= metrics.variation_of_information(u, w, normalized=True) <= 1.0 + ATOL
