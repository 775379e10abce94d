r"""
Estimator bias versus sample size
=================================

Every estimator of an information quantity from a finite sample is biased,
and the bias shrinks with n at a rate that depends on the estimator.  This
example measures it against known values, for the two families of
:mod:`infomeasures.samples`:

* count estimators of entropy on labels drawn from a Zipf distribution with
  1,000 outcomes (most of them rare, so small samples miss much of the
  support), whose entropy is known exactly;
* continuous estimators of mutual information on a bivariate normal with
  correlation 0.8, whose mutual information is :math:`-\tfrac12
  \log(1 - \rho^2)`.

Each point is the mean error over repeated samples; the bars are one
standard error of that mean.
"""

import matplotlib.pyplot as plt
import numpy as np

import infomeasures
from infomeasures import samples

rng = np.random.default_rng(3)

# %%
# Count estimators on a Zipf distribution
# ---------------------------------------
# The plug-in (maximum likelihood) estimate is biased down by about
# (K - 1) / 2n nats for K observed outcomes; Miller-Madow adds that back,
# Chao-Shen and Grassberger correct for unseen outcomes, James-Stein shrinks
# towards the uniform distribution and NSB averages over a prior on the
# entropy.

k = 1000
p = 1.0 / np.arange(1, k + 1)
p /= p.sum()
exact_h = infomeasures.entropy(p)  # bits, from the distribution itself
sizes = np.array([100, 300, 1000, 3000, 10000])
count_estimators = ["plugin", "miller-madow", "chao-shen", "grassberger", "james-stein", "nsb"]
reps = 30
h_err = {name: np.empty((sizes.size, reps)) for name in count_estimators}
for i, n in enumerate(sizes):
    for r in range(reps):
        counts = np.bincount(rng.choice(k, size=n, p=p), minlength=k)
        for name in count_estimators:
            h_err[name][i, r] = samples.entropy_from_counts(counts, estimator=name) - exact_h

# %%
# Continuous estimators on a bivariate normal
# -------------------------------------------
# KSG makes no assumption about the dependence; its bias grows with the
# strength of the dependence and shrinks as n grows.  The Gaussian fit is
# exact here (its assumption holds); the Gaussian copula equals it on
# Gaussian data.  Binning first and counting trades bias for resolution.

rho = 0.8
exact_mi = -0.5 * np.log2(1 - rho**2)  # bits
mi_sizes = np.array([100, 300, 1000, 3000, 10000])


def binned(x, y):
    return samples.mutual_information(
        samples.discretize(x, 10, strategy="quantile"),
        samples.discretize(y, 10, strategy="quantile"),
    )


mi_estimators = {
    '"ksg"': lambda x, y: samples.mutual_information(x, y, estimator="ksg"),
    '"gaussian"': lambda x, y: samples.mutual_information(x, y, estimator="gaussian"),
    '"gaussian-copula"': lambda x, y: samples.mutual_information(
        x, y, estimator="gaussian-copula"
    ),
    "plug-in, 10 x 10 quantile bins": binned,
}
mi_err = {name: np.empty((mi_sizes.size, reps)) for name in mi_estimators}
for i, n in enumerate(mi_sizes):
    for r in range(reps):
        x = rng.normal(size=n)
        y = rho * x + np.sqrt(1 - rho**2) * rng.normal(size=n)
        for name, estimate in mi_estimators.items():
            mi_err[name][i, r] = estimate(x, y) - exact_mi

for name, err in {**h_err, **mi_err}.items():
    print(f"{name:32s} error at the largest n: {err[-1].mean():+.4f} bits")

# %%
# The figure
# ----------

fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4), sharex=True)
for axis, errors, xs, title in [
    (left, h_err, sizes, f"Entropy of a Zipf law on {k} outcomes"),
    (right, mi_err, mi_sizes, f"MI of a bivariate normal, correlation {rho}"),
]:
    for name, err in errors.items():
        se = err.std(axis=1, ddof=1) / np.sqrt(reps)
        axis.errorbar(xs, err.mean(axis=1), yerr=se, marker="o", ms=3, capsize=2, label=name)
    axis.axhline(0, color="black", lw=0.8)
    axis.set_xscale("log")
    axis.set_xlabel("sample size n")
    axis.set_title(title, fontsize="medium")
    axis.legend(fontsize="small")
left.set_ylabel("mean estimate - true value (bits)")
fig.tight_layout()
plt.show()
