"""Hypothesis strategies for skewed, sparse and degenerate distributions."""

import inspect

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

# Weights spanning 300 orders of magnitude, with exact zeros and ties.
_weight = st.one_of(
    st.just(0.0),
    st.just(1.0),
    st.floats(min_value=0.0, max_value=1.0),
    st.integers(min_value=-300, max_value=0).map(lambda e: 10.0**e),
)


def _normalise(w):
    w = np.asarray(w, dtype=float)
    if not w.sum() > 0:
        w = np.zeros_like(w)
        w.flat[0] = 1.0
    return w / w.sum(axis=None)


@st.composite
def distributions(draw, min_k=1, max_k=12):
    k = draw(st.integers(min_k, max_k))
    return _normalise(draw(hnp.arrays(float, k, elements=_weight)))


@st.composite
def distribution_pairs(draw, min_k=1, max_k=12):
    k = draw(st.integers(min_k, max_k))
    p = _normalise(draw(hnp.arrays(float, k, elements=_weight)))
    kind = draw(st.sampled_from(["independent", "same", "perturbed", "disjointish"]))
    if kind == "same":
        q = p.copy()
    elif kind == "perturbed":
        eps = draw(st.sampled_from([1e-12, 1e-6, 1e-2]))
        noise = draw(hnp.arrays(float, k, elements=st.floats(-1, 1)))
        q = _normalise(p * (1 + eps * noise))
    else:
        q = _normalise(draw(hnp.arrays(float, k, elements=_weight)))
        if kind == "disjointish":
            q = _normalise(np.where(p > 0, 0.0, q) + (q.sum() == 0))
    return p, q


@st.composite
def tables(draw, ndim=2, max_side=5):
    shape = tuple(draw(st.integers(1, max_side)) for _ in range(ndim))
    return _normalise(draw(hnp.arrays(float, shape, elements=_weight)))


@st.composite
def label_columns(draw, n_vars=2, max_n=60):
    """Paired observations of `n_vars` variables with few, skewed labels."""
    n = draw(st.integers(1, max_n))
    label = st.integers(0, 4) | st.sampled_from([0, 0, 0, 7])
    return [np.array(draw(st.lists(label, min_size=n, max_size=n))) for _ in range(n_vars)]


@st.composite
def unit_arrays(draw, max_k=12):
    """Event probabilities in [0, 1], with exact 0 and 1 and tiny values."""
    return draw(hnp.arrays(float, st.integers(1, max_k), elements=_weight))


@st.composite
def count_vectors(draw, max_k=12):
    """Non-negative integer counts with at least one observation."""
    c = draw(hnp.arrays(np.int64, st.integers(1, max_k), elements=st.integers(0, 50)))
    c[0] += c.sum() == 0
    return c


@st.composite
def logits_and_classes(draw, max_n=6, max_k=5):
    k = draw(st.integers(2, max_k))
    n = draw(st.integers(1, max_n))
    z = draw(hnp.arrays(float, (n, k), elements=st.floats(-50, 50)))
    return z, draw(hnp.arrays(np.int64, n, elements=st.integers(0, k - 1)))


@st.composite
def logits_and_binary_targets(draw, max_n=8):
    n = draw(st.integers(1, max_n))
    z = draw(hnp.arrays(float, n, elements=st.floats(-50, 50)))
    return z, draw(hnp.arrays(float, n, elements=st.floats(0, 1)))


@st.composite
def labels_and_probabilities(draw, max_n=8, max_k=4):
    """True classes 0..k-1 (each present) and predicted probability rows."""
    k = draw(st.integers(2, max_k))
    n = draw(st.integers(k, max(k, max_n)))
    y = np.concatenate(
        [np.arange(k), draw(hnp.arrays(np.int64, n - k, elements=st.integers(0, k - 1)))]
    )
    rows = np.array([draw(distributions(min_k=k, max_k=k)) for _ in range(n)])
    return y, rows


def valid_args(entry):
    """A strategy for valid positional arguments of a registry entry, by role.

    The registry's own example arguments come first, so every property is
    also checked on them.
    """
    roles = [entry.roles.get(name) for name in _positional_names(entry)]
    n = len(entry.args)
    if roles[:2] == ["distribution", "distribution"]:
        drawn = distribution_pairs()
    elif roles[:1] == ["distribution"]:
        drawn = distributions().map(lambda p: (p,))
    elif roles[:1] == ["table"]:
        drawn = tables(ndim=np.ndim(entry.args[0]), max_side=5 if entry.args[0].ndim < 3 else 4)
        drawn = drawn.map(lambda t: (t,))
    elif roles[:1] == ["unit"]:
        drawn = unit_arrays().map(lambda p: (p,))
    elif roles[:1] == ["labels"] and roles[1:2] == ["probs"]:
        drawn = labels_and_probabilities()
    elif roles[:1] == ["labels"]:
        drawn = label_columns(n).map(tuple)
    elif roles[:1] == ["counts"]:
        drawn = count_vectors().map(lambda c: (c,))
    elif roles[:2] == ["logits", "class_targets"]:
        drawn = logits_and_classes()
    elif roles[:2] == ["logits", "binary_targets"]:
        drawn = logits_and_binary_targets()
    else:
        return st.just(entry.args)
    return st.just(entry.args) | drawn


def _positional_names(entry):
    params = inspect.signature(entry.func).parameters.values()
    return [
        p.name
        for p in params
        if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD, p.VAR_POSITIONAL)
    ]
