"""
Synergy and redundancy among features
=====================================

Two features can each say nothing about a label and together say all of it
(synergy), or say the same thing twice (redundancy).  Pairwise mutual
information sees neither; the measures of many variables in
:mod:`infomeasures.samples` do.

Three small data sets of two binary features and a label, 5,000 rows each:

* **XOR**: the label is ``a xor b``; neither feature alone predicts it.
* **copies**: ``b`` is a copy of ``a`` and the label is ``a``.
* **independent**: the label ignores both features.
"""

import matplotlib.pyplot as plt
import numpy as np

from infomeasures import samples

rng = np.random.default_rng(0)
n = 5000
a, b = rng.integers(0, 2, (2, n))
datasets = {
    "XOR": (a, b, a ^ b),
    "copies": (a, a, a),
    "independent": (a, b, rng.integers(0, 2, n)),
}

# %%
# Pairwise and conditional views
# ------------------------------
# Under XOR each feature alone carries no information about the label, but
# given the other feature it carries a full bit: the interaction information
# I(a; label | b) - I(a; label) is +1 bit.

for name, (f1, f2, label) in datasets.items():
    mi = samples.mutual_information(f1, label)
    cmi = samples.conditional_mutual_information(f1, label, f2)
    ii = samples.interaction_information(f1, f2, label)
    print(f"{name:12s} I(a;y) {mi:.3f}  I(a;y|b) {cmi:.3f}  interaction {ii:+.3f} bits")

# %%
# One number per data set
# -----------------------
# The O-information is negative when synergy dominates and positive when
# redundancy does; total correlation counts every dependence, whatever its
# kind.

measures = {
    "total correlation": samples.total_correlation,
    "dual total correlation": samples.dual_total_correlation,
    "O-information": samples.o_information,
}
values = {m: [f(*data) for data in datasets.values()] for m, f in measures.items()}

fig, ax = plt.subplots(figsize=(6.5, 3.5))
width = 0.25
x = np.arange(len(datasets))
for k, (m, v) in enumerate(values.items()):
    ax.bar(x + (k - 1) * width, v, width, label=m)
ax.axhline(0, color="grey", lw=0.8)
ax.set_xticks(x, list(datasets))
ax.set_ylabel("bits")
ax.set_title("synergy (O < 0) and redundancy (O > 0)")
ax.legend()
fig.tight_layout()
plt.show()

# %%
# The matrix of conditional mutual information
# --------------------------------------------
# :func:`~infomeasures.samples.mutual_information_matrix` with
# ``method="conditional"`` conditions each pair on the remaining columns,
# so the XOR pairs that look independent pairwise show their full bit.

xor = np.column_stack(datasets["XOR"])
print(samples.mutual_information_matrix(xor).round(3))
print(samples.mutual_information_matrix(xor, method="conditional").round(3))
