"""Bad input raises a clear error naming the argument; nothing returns NaN.

The functions come from the registry by the role of their arguments, so a new
measure of distributions or tables is checked here without being listed.
"""

import math

import numpy as np
import pytest

import infomeasures as im

from . import _registry as reg


def _with_roles(*roles):
    return [
        e.func for e in reg.ENTRIES if e.name.count(".") == 1 and tuple(e.roles.values()) == roles
    ]


ONE_ARG = _with_roles("distribution")
TWO_ARG = _with_roles("distribution", "distribution")
TABLES = [(e.func, e.args[0].ndim) for e in reg.ENTRIES if "table" in e.roles.values()]
UNIT = _with_roles("unit")


def test_role_lists_hold_at_least_the_original_measures():
    # guards against a registry change that empties a parametrisation
    assert im.entropy in ONE_ARG
    assert {im.cross_entropy, im.kl_divergence, im.js_divergence, im.js_distance} <= set(TWO_ARG)
    assert {im.joint_entropy, im.conditional_mutual_information} <= {f for f, _ in TABLES}
    assert {im.binary_entropy, im.self_information} <= set(UNIT)


def _call(f, p):
    return f(p, [0.5, 0.5]) if f in TWO_ARG else f(p)


@pytest.mark.parametrize("f", ONE_ARG + TWO_ARG)
class TestVectorInput:
    def test_negative(self, f):
        with pytest.raises(ValueError, match=r"`p` has negative entries"):
            _call(f, [1.5, -0.5])

    def test_nan(self, f):
        with pytest.raises(ValueError, match=r"`p` contains NaN"):
            _call(f, [0.5, np.nan])

    def test_inf(self, f):
        with pytest.raises(ValueError, match=r"`p` contains infinite"):
            _call(f, [np.inf, 0.5])

    def test_not_normalised_points_to_normalize(self, f):
        with pytest.raises(
            ValueError, match=r"`p` must sum to 1 \(it sums to 0\.6\).*normalize=True"
        ):
            _call(f, [0.3, 0.3])

    def test_empty(self, f):
        with pytest.raises(ValueError, match=r"`p` is empty"):
            f([]) if f in ONE_ARG else f([], [])

    def test_scalar(self, f):
        with pytest.raises(ValueError, match=r"`p` must have at least one dimension"):
            _call(f, 1.0)

    def test_wrong_type(self, f):
        with pytest.raises(TypeError, match=r"`p` must hold real numbers"):
            _call(f, ["a", "b"])
        with pytest.raises(TypeError, match=r"`p` must hold real numbers"):
            _call(f, [0.5 + 0j, 0.5])

    @pytest.mark.parametrize("base", [1, 0, -2, math.inf, math.nan])
    def test_bad_base(self, f, base):
        with pytest.raises(ValueError, match=r"`base`"):
            f([0.5, 0.5], base=base) if f in ONE_ARG else f([0.5, 0.5], [0.5, 0.5], base=base)

    def test_base_type(self, f):
        with pytest.raises(TypeError, match=r"`base` must be a real number"):
            f([0.5, 0.5], base="2") if f in ONE_ARG else f([0.5, 0.5], [0.5, 0.5], base="2")

    def test_bad_axis(self, f):
        with pytest.raises(ValueError, match=r"`axis` 3 is out of bounds"):
            f([0.5, 0.5], axis=3) if f in ONE_ARG else f([0.5, 0.5], [0.5, 0.5], axis=3)

    def test_all_zero_weights(self, f):
        with pytest.raises(ValueError, match=r"weights are all zero"):
            f([0, 0], normalize=True) if f in ONE_ARG else f([0, 0], [1, 1], normalize=True)


@pytest.mark.parametrize("f", TWO_ARG)
def test_q_is_named(f):
    with pytest.raises(ValueError, match=r"`q` has negative entries"):
        f([0.5, 0.5], [1.5, -0.5])


@pytest.mark.parametrize("f", TWO_ARG)
def test_mismatched_outcomes(f):
    with pytest.raises(ValueError, match=r"same number of outcomes.*got 3 and 2"):
        f([0.2, 0.3, 0.5], [0.5, 0.5])
    with pytest.raises(ValueError, match=r"got 1 and 2"):
        f([1.0], [0.5, 0.5])
    with pytest.raises(ValueError, match=r"do not broadcast"):
        f(np.full((2, 2), 0.5), np.full((3, 2), 0.5))


def test_batch_sum_error_says_along_axis():
    with pytest.raises(ValueError, match=r"must sum to 1 along `axis` \(it sums to 0\.5\)"):
        im.entropy([[0.5, 0.5], [0.25, 0.25]])


def test_float32_tolerance():
    # float32 rounding of a valid vector must not be rejected
    p = (np.ones(1000, dtype=np.float32) / np.float32(3)) * np.float32(0.003)
    assert math.isfinite(im.entropy(p))


@pytest.mark.parametrize(("f", "ndim"), TABLES)
def test_table_errors(f, ndim):
    if ndim == 3 or f is not im.joint_entropy:
        with pytest.raises(ValueError, match=rf"must be a {ndim}-D table"):
            f([0.5, 0.5])
    with pytest.raises(ValueError, match=r"`pxy.*` has negative entries"):
        f(np.full((2,) * ndim, 1.0) * np.array([-1, 1] * 2 ** (ndim - 1)).reshape((2,) * ndim))


@pytest.mark.parametrize("f", UNIT)
def test_unit_interval(f):
    with pytest.raises(ValueError, match=r"`p` has entries above 1"):
        f([0.5, 1.5])
    with pytest.raises(ValueError, match=r"`p` has negative entries"):
        f(-0.1)
    with pytest.raises(ValueError, match=r"`p` contains NaN"):
        f(np.nan)


def test_no_mutation_of_any_argument():
    p = np.array([[3.0, 1.0], [1.0, 1.0]])
    q = np.array([[1.0, 1.0], [1.0, 3.0]])
    before = (p.copy(), q.copy())
    for f in TWO_ARG:
        f(p, q, normalize=True)
    im.mutual_information(p, normalize=True)
    np.testing.assert_array_equal(p, before[0])
    np.testing.assert_array_equal(q, before[1])
