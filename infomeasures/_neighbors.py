"""Continuous estimators from k-nearest neighbours, on scipy.spatial.cKDTree.

Private kernels: they take validated arrays (a continuous variable as float64
of shape (n, d), a discrete one as int64 codes of shape (n,), `n_neighbors` a
positive int) and return nats as a Python float.  The only checks here are
those that need the data: enough points for `n_neighbors`, a constant margin,
zero neighbour distances where an estimator cannot take them.

Every estimator uses the max-norm (Chebyshev, ``p=inf``).  For the KSG family
that is the published choice (Kraskov et al. 2004): the joint max-norm ball
projects onto the marginal balls of the same radius, which is what makes the
marginal counts consistent.  Kozachenko-Leonenko uses it as well, so that
H(X) + H(Y) - H(X, Y) from our entropies is the same construction as KSG, the
unit ball has the exact volume 2**d (no gamma function), and a cKDTree query
with ``p=inf`` is the cheapest one scipy offers.  Either norm is consistent;
only the O(1/n) bias differs.

Counting "points strictly closer than rho" is done as ``distance <= r`` with
``r = nextafter(rho, 0)`` (scikit-learn's trick); ``rho == 0`` then counts
the points equal to the centre, which is the tie rule of Gao, Kannan, Oh &
Viswanath (2017).  In one dimension the counts come from one sort and
`numpy.searchsorted` (no tree), with an exact boundary fix described in
`_upper_ends`.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

import numpy as np
from scipy.spatial import cKDTree
from scipy.special import digamma

from . import _validation

_INF = np.inf

# From this many points on, `KSG` runs its independent steps on two threads
# (numpy's sorts and searches and cKDTree release the GIL); below it a thread
# costs more than it saves.
_THREADED = 20_000


def _both(f, g, parallel: bool):
    """Return ``(f(), g())``, running `f` on a second thread when `parallel`."""
    if not parallel:
        return f(), g()
    with ThreadPoolExecutor(1) as pool:
        later = pool.submit(f)
        second = g()
        return later.result(), second


def _mean_digamma(counts: np.ndarray) -> float:
    """Mean of digamma(counts) for counts >= 1, evaluating digamma once per value."""
    counts = np.asarray(counts, dtype=np.intp)
    freq = np.bincount(counts)[1:]
    # Not `freq @ ...`: a BLAS call leaves OpenBLAS's threads spinning, which
    # took a core from the next cKDTree query (1e5 points: 45 ms became 75).
    return float(np.add.reduce(freq * digamma(np.arange(1, freq.size + 1))) / counts.size)


def _tree(points: np.ndarray) -> cKDTree:
    # Unbalanced trees (sliding midpoint) build several times faster and query
    # as fast on data that is not adversarially clustered; not shrinking each
    # node's box to its points saves a third of the build (1e5 points in 2-D)
    # and costs the k-th-neighbour queries nothing measurable.
    return cKDTree(points, balanced_tree=False, compact_nodes=False)


def _kth_distance(
    points: np.ndarray, n_neighbors: int, workers: int = -1, tree: cKDTree | None = None
) -> np.ndarray:
    """Max-norm distance from each point to its k-th nearest other point (`tree`: of `points`)."""
    tree = _tree(points) if tree is None else tree
    # Queried in the tree's own order, consecutive queries visit the same
    # leaves: about 1.5x faster than the caller's order on 1e5 points.
    order = tree.indices
    dist, _ = tree.query(points[order], k=[n_neighbors + 1], p=_INF, workers=workers)
    out = np.empty(order.size)
    out[order] = dist[:, 0]
    return out


def _upper_ends(s: np.ndarray, r: np.ndarray) -> np.ndarray:
    """For sorted `s`: one past the last j with ``fl(s_j - s_i) <= r_i``, for each i.

    The first guess tests ``s_j < fl(s_i + rho_i)`` with ``rho_i`` the next
    float above ``r_i`` (the neighbour distance itself): the k-th neighbour
    lies at ``s_i + rho_i`` and that sum is usually exact, so the guess is
    right for all but about 1 point in 2,500 (``s_j <= fl(s_i + r_i)`` misses
    on a quarter of normal data).  Rounding can still make it disagree with
    ``fl(s_j - s_i) <= r_i``, the test a tree makes.  Both tests are monotone
    in ``s_j``, so an end is misplaced by whole runs of equal values: each
    round checks the value before and after each misplaced end and moves the
    end over that value's run (searchsorted's `side` finds the run's edge),
    until none is misplaced.  Rounds loop over the few misplaced ends, not
    over points, and the result is exact.
    """
    n = s.size
    hi = np.searchsorted(s, s + np.nextafter(r, _INF), side="left")
    idx = slice(None)  # the first round checks every end, later ones the misplaced
    while True:
        h, si, ri = hi[idx], s[idx], r[idx]
        before = s[h - 1]
        after = s[np.minimum(h, n - 1)]
        over = (h > 0) & (before - si > ri)
        under = (h < n) & (after - si <= ri)
        over_at, under_at = np.flatnonzero(over), np.flatnonzero(under)
        if not (over_at.size or under_at.size):
            return hi
        h[over_at] = np.searchsorted(s, before[over_at], side="left")
        h[under_at] = np.searchsorted(s, after[under_at], side="right")
        moved = np.flatnonzero(over | under)
        idx = moved if isinstance(idx, slice) else idx[moved]
        hi[idx] = h[moved]


def _count_sorted(s: np.ndarray, r: np.ndarray) -> np.ndarray:
    """``#{j : fl(|s_j - s_i|) <= r_i}`` for sorted `s`, exactly as a tree counts.

    The lower end is the upper end of the mirrored data: rounding is
    symmetric, ``fl(-a - (-b)) = -fl(a - b)``.
    """
    n = s.size
    return _upper_ends(s, r) - (n - _upper_ends(-s[::-1], r[::-1])[::-1])


class _Margin:
    """One marginal space, ready to count neighbours within per-point radii.

    A 1-D margin keeps its sort (counts by `searchsorted`), a wider one its
    cKDTree (counts by ``query_ball_point(..., return_length=True)``).  Both
    are unchanged when the rows are permuted, which is what lets a
    permutation test reuse them.
    """

    def __init__(self, points: np.ndarray):
        self.points = points
        if points.shape[1] == 1:
            self.order = np.argsort(points[:, 0])
            self.sorted = points[self.order, 0]
        else:
            self.tree = _tree(points)

    def count(self, r_by_point: np.ndarray, workers: int = -1) -> np.ndarray:
        """Count the points (self included) within ``r_by_point[i]`` of point i.

        The counts come back in an order of the margin's own choosing: callers
        only average functions of them.
        """
        if self.points.shape[1] == 1:
            return _count_sorted(self.sorted, r_by_point[self.order])
        return self.tree.query_ball_point(
            self.points, r_by_point, p=_INF, return_length=True, workers=workers
        )


def _tie_counts(*columns: np.ndarray) -> np.ndarray:
    """For each row, how many rows equal it (itself included)."""
    rows = np.column_stack(columns)
    _, inverse, counts = np.unique(rows, axis=0, return_inverse=True, return_counts=True)
    return counts[inverse.ravel()]


def _k_terms(rho: np.ndarray, n_neighbors: int, *columns: np.ndarray) -> float:
    """Mean of digamma(k_i).

    k_i is k, or where rho_i = 0 the number of points equal to i (Gao et al.
    2017, itself included as in their published code).
    """
    zero = rho == 0
    if not zero.any():
        return float(digamma(n_neighbors))
    k_i = np.full(rho.size, n_neighbors, dtype=np.intp)
    k_i[zero] = _tie_counts(*columns)[zero]
    return _mean_digamma(k_i)


def _unit_std(x: np.ndarray, name: str) -> np.ndarray:
    """Each column divided by its standard deviation (ddof=0), as scikit-learn and ennemi do."""
    sd = x.std(axis=0)
    if (sd == 0).any():
        _validation.constant_variable(
            name, int(np.flatnonzero(sd == 0)[0]) if sd.size > 1 else None
        )
    return x / sd


def kozachenko_leonenko(x: np.ndarray, n_neighbors: int) -> float:
    r"""Kozachenko-Leonenko differential entropy of the rows of `x`, shape (n, d).

    .. math:: \hat H = \psi(n) - \psi(k) + d \log 2 + \frac{d}{n}\sum_i \log \epsilon_i

    with :math:`\epsilon_i` the max-norm distance to the k-th neighbour and
    :math:`2^d` the volume of the unit max-norm ball (Kraskov et al. 2004,
    eq. 20; Kozachenko & Leonenko 1987).  Bias O(1/n) for smooth densities,
    larger in the tails and as d grows.  On the data as given: differential
    entropy changes with units.  A constant `x` (or constant column) raises:
    the data are degenerate, most likely by mistake.  A sample with an atom
    (k + 1 equal points) gives ``-inf``, the differential entropy of a
    distribution with an atom.
    """
    n, d = x.shape
    _validation.enough_neighbors(n_neighbors, n)
    flat = x.min(axis=0) == x.max(axis=0)
    if flat.any():  # a constant column: the points lie on a hyperplane, h = -inf
        _validation.constant_variable("x", int(np.flatnonzero(flat)[0]) if d > 1 else None)
    eps = _kth_distance(x, n_neighbors)
    if (eps == 0).any():
        return -_INF
    return float(digamma(n) - digamma(n_neighbors) + d * np.log(2.0) + d * np.log(eps).mean())


class KSG:
    r"""KSG mutual information of `x` and `y`, prepared for permutations of `y`.

    ``KSG(x, y, k)()`` is the estimate; ``KSG(x, y, k)(perm)`` the estimate for
    ``y[perm]``, reusing the rescaled margins, the sort (or cKDTree) of each
    margin (a permutation of rows changes neither) and leaving only the joint
    k-th-neighbour query and the marginal counts to redo: a permutation test
    costs one tree query and two searchsorted passes per draw.  From
    `_THREADED` points on, unless ``workers=1``, the margins' sorts run beside
    the tree's build and the two marginal counts beside each other, on two
    threads (the value is the same; 1e5 points take 0.75 of the time).

    .. math:: \hat I = \psi(n) + \langle\psi(k_i)\rangle
              - \langle\psi(n_{x,i})\rangle - \langle\psi(n_{y,i})\rangle

    Kraskov, Stögbauer & Grassberger (2004), algorithm 1: :math:`\rho_i` is the
    max-norm distance to the k-th neighbour in the joint space,
    :math:`n_{x,i}` counts the points (i included) with
    :math:`\|x_j - x_i\|_\infty < \rho_i`, likewise :math:`n_{y,i}`, and
    :math:`k_i = k`.  Ties as in Gao, Kannan, Oh & Viswanath (2017)'s code:
    where :math:`\rho_i = 0`, :math:`k_i`, :math:`n_{x,i}`, :math:`n_{y,i}`
    count the points equal to point i in the joint space and in each margin,
    so repeated values and discrete-continuous mixtures give finite,
    consistent estimates without jitter.  We keep KSG's :math:`\psi(n)` where
    Gao et al. write :math:`\log n` (they differ by O(1/n)) so that untied data
    give exactly scikit-learn's and ennemi's value.  Each column is first
    divided by its standard deviation (``rescale=False`` skips it for callers
    that scaled already).  Bias O(1/n) at independence, growing with the MI.
    """

    def __init__(
        self,
        x: np.ndarray,
        y: np.ndarray,
        n_neighbors: int,
        *,
        rescale: bool = True,
        workers: int = -1,
    ):
        n = x.shape[0]
        _validation.enough_neighbors(n_neighbors, n)
        if rescale:
            x, y = _unit_std(x, "x"), _unit_std(y, "y")
        self.x, self.y, self.k, self.workers = x, y, n_neighbors, workers
        self._margins: tuple[_Margin, _Margin] | None = None  # built with the first tree
        self._psi_n = float(digamma(n))
        # Two threads, like cKDTree's own `workers`, unless told to use one.
        self._parallel = workers != 1 and n >= _THREADED and (os.cpu_count() or 1) > 1

    def __call__(self, permutation: np.ndarray | None = None) -> float:
        y = self.y if permutation is None else self.y[permutation]
        joint = np.hstack((self.x, y))
        tree = None
        if self._margins is None:
            # The margins' sorts run while the tree is built (one thread
            # each); the query then has its `workers` threads to itself.
            self._margins, tree = _both(
                lambda: (_Margin(self.x), _Margin(self.y)),
                lambda: _tree(joint),
                self._parallel,
            )
        rho = _kth_distance(joint, self.k, self.workers, tree)
        r = np.nextafter(rho, 0)
        if permutation is None:
            r_y = r
        else:  # radius of each point of y: row i holds y[permutation[i]]
            r_y = np.empty_like(r)
            r_y[permutation] = r
        mx, my = self._margins
        n_x, n_y = _both(
            lambda: mx.count(r, self.workers), lambda: my.count(r_y, self.workers), self._parallel
        )
        return (
            self._psi_n
            + _k_terms(rho, self.k, self.x, y)
            - _mean_digamma(n_x)
            - _mean_digamma(n_y)
        )


def ksg(x: np.ndarray, y: np.ndarray, n_neighbors: int) -> float:
    """KSG mutual information of two continuous variables, in nats; see `KSG`."""
    return KSG(x, y, n_neighbors)()


def frenzel_pompe(x: np.ndarray, y: np.ndarray, z: np.ndarray, n_neighbors: int) -> float:
    r"""Frenzel-Pompe conditional mutual information I(X; Y | Z) of continuous variables.

    .. math:: \hat I = \langle\psi(k_i)\rangle - \langle\psi(n_{xz,i})\rangle
              - \langle\psi(n_{yz,i})\rangle + \langle\psi(n_{z,i})\rangle

    Frenzel & Pompe (2007): :math:`\rho_i` the max-norm k-th-neighbour distance
    in the joint (x, y, z) space, counts (i included) of points strictly
    within :math:`\rho_i` in the xz, yz and z spaces; ties as in `KSG`.  Each
    column is divided by its standard deviation first.
    """
    _validation.enough_neighbors(n_neighbors, x.shape[0])
    x, y, z = _unit_std(x, "x"), _unit_std(y, "y"), _unit_std(z, "z")
    rho = _kth_distance(np.hstack((x, y, z)), n_neighbors)
    r = np.nextafter(rho, 0)
    return (
        _k_terms(rho, n_neighbors, x, y, z)
        - _mean_digamma(_Margin(np.hstack((x, z))).count(r))
        - _mean_digamma(_Margin(np.hstack((y, z))).count(r))
        + _mean_digamma(_Margin(z).count(r))
    )


def _class_kth_distance_1d(codes: np.ndarray, v: np.ndarray, k_of_class: np.ndarray):
    """Distance from each point to its k-th nearest point of the same class, in 1-D.

    One lexsort by (class, value).  In a sorted run the k nearest neighbours of
    point p fill a window of k + 1 consecutive points containing p, so the
    k-th distance is the smallest, over the k + 1 windows, of the window's
    farthest end.  Returns the distances and the permutation they are in.
    """
    order = np.lexsort((v, codes))
    s, c = v[order], codes[order]
    n = s.size
    start = np.searchsorted(c, c, side="left")
    end = np.searchsorted(c, c, side="right")  # one past the class's last point
    k = k_of_class[c]
    pos = np.arange(n)
    best = np.full(n, _INF)
    for offset in range(int(k.max()) + 1):  # a loop over window offsets, not points
        j = pos - offset
        ok = (j >= start) & (j + k < end) & (offset <= k)
        jj, jk = np.where(ok, j, pos), np.where(ok, j + k, pos)
        reach = np.maximum(s - s[jj], s[jk] - s)
        best = np.where(ok, np.minimum(best, reach), best)
    return best, order


def ross(codes: np.ndarray, y: np.ndarray, n_neighbors: int) -> float:
    """Ross (2014) on codes and a continuous `y` taken as given (no rescaling)."""
    n_classes = int(codes.max()) + 1
    class_size = np.bincount(codes, minlength=n_classes)
    usable = class_size[codes] > 1
    if not usable.all():  # a class seen once has no neighbour of its own class
        if not usable.any():
            _validation.no_usable_classes("x")
        codes, y = codes[usable], y[usable]
    k_of_class = np.minimum(n_neighbors, class_size - 1)
    if y.shape[1] == 1:
        rho, order = _class_kth_distance_1d(codes, y[:, 0], k_of_class)
        codes, y = codes[order], y[order]
    else:
        rho = np.empty(codes.size)
        for label in np.flatnonzero(class_size > 1):  # a loop over classes
            members = np.flatnonzero(codes == label)
            rho[members] = _kth_distance(y[members], int(k_of_class[label]))
    k_i = k_of_class[codes]
    zero = rho == 0
    if zero.any():
        k_i = np.where(zero, _tie_counts(codes, y), k_i)
    m = _Margin(y).count(np.nextafter(rho, 0))
    return (
        float(digamma(codes.size))
        + _mean_digamma(k_i)
        - _mean_digamma(class_size[codes])
        - _mean_digamma(m)
    )


def ksg_mixed(codes: np.ndarray, y: np.ndarray, n_neighbors: int) -> float:
    r"""Mutual information of a discrete `codes` (n,) and a continuous `y` (n, d), Ross (2014).

    .. math:: \hat I = \psi(n) - \langle\psi(n_{c_i})\rangle + \langle\psi(k_i)\rangle
              - \langle\psi(m_i)\rangle

    :math:`\rho_i` is the max-norm distance to the k-th nearest point of the
    same class, :math:`n_{c}` the size of class c and :math:`m_i` the number
    of points of any class (i included) strictly within :math:`\rho_i`.
    As scikit-learn does, a class with :math:`n_c \le k` uses
    :math:`k = n_c - 1` and a class seen once is left out (its points have no
    neighbour of their class).  Where :math:`\rho_i = 0` (tied values),
    :math:`k_i` and :math:`m_i` count the points equal to i within its class
    and overall (Gao et al. 2017), so a `y` that is itself discrete gives the
    plug-in value.  Columns of `y` are divided by their standard deviation.
    In 1-D no tree is built: per-class windows of one sort and `searchsorted`.
    Discrete-discrete pairs have no neighbours to find: the dispatcher should
    use the plug-in estimate of the count path.
    """
    _validation.enough_neighbors(n_neighbors, codes.size)
    return ross(codes, _unit_std(y, "y"), n_neighbors)


def _distances_to(y: np.ndarray, x: np.ndarray, n_neighbors: int, name: str) -> np.ndarray:
    """Max-norm distance from each row of x to its k-th nearest row of y.

    y holds x itself when `name` is "x" (then the point itself is skipped).
    """
    skip = name == "x"
    dist, _ = _tree(y).query(x, k=[n_neighbors + skip], p=_INF, workers=-1)
    dist = dist[:, 0]
    if (dist == 0).any():
        i = int(np.flatnonzero(dist == 0)[0])
        copies = int((np.abs(y - x[i]).max(axis=1) == 0).sum())
        _validation.sample_has_atom(name, copies, n_neighbors)
    return dist


def wang_kulkarni_verdu_kl(x: np.ndarray, y: np.ndarray, n_neighbors: int) -> float:
    r"""KL divergence D(P || Q) from x ~ P, shape (n, d), and y ~ Q, shape (m, d).

    .. math:: \hat D = \frac{d}{n}\sum_i \log\frac{\nu_k(i)}{\rho_k(i)}
              + \log\frac{m}{n - 1}

    Wang, Kulkarni & Verdú (2009), eq. 5: :math:`\rho_k(i)` is the distance
    from :math:`x_i` to its k-th neighbour among the other x, :math:`\nu_k(i)`
    to its k-th neighbour among y; :math:`\log(m/(n-1))` corrects for unequal
    sample sizes.  The norm's ball volume cancels, so the estimate does not
    depend on it (we use the max-norm, as everywhere here).  Asymptotically
    unbiased; on the data as given (KL does not depend on units).
    """
    n, d = x.shape
    _validation.enough_neighbors(n_neighbors, n)
    _validation.enough_neighbors(n_neighbors, y.shape[0], "y", others=False)
    rho = _distances_to(x, x, n_neighbors, "x")
    nu = _distances_to(y, x, n_neighbors, "y")
    return float(d * np.log(nu / rho).mean() + np.log(y.shape[0] / (n - 1)))


def wang_kulkarni_verdu_cross_entropy(x: np.ndarray, y: np.ndarray, n_neighbors: int) -> float:
    r"""Cross-entropy H(P, Q) = -E_P[log q] from x ~ P (n, d) and y ~ Q (m, d).

    .. math:: \hat H = \log m - \psi(k) + d\log 2 + \frac{d}{n}\sum_i \log\nu_k(i)

    The k-NN density estimate of q at the points of x (Leonenko, Pronzato &
    Savani 2008; the term of Wang, Kulkarni & Verdú 2009's divergence
    estimator), with :math:`2^d` the volume of the unit max-norm ball.  Minus
    `kozachenko_leonenko` of x, it is the divergence up to
    :math:`\log((n-1)/m)` against :math:`\psi(n) - \log m`, an O(1/n)
    difference.
    """
    m, d = y.shape
    _validation.enough_neighbors(n_neighbors, m, "y", others=False)
    nu = _distances_to(y, x, n_neighbors, "y")
    return float(np.log(m) - digamma(n_neighbors) + d * np.log(2.0) + d * np.log(nu).mean())
