"""Hypothesis strategies for skewed, sparse and degenerate distributions."""

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
