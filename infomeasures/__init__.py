"""infomeasures: information-theory measures that are accurate, stable and fast.

The top-level namespace holds the measures of discrete distributions
(probability vectors and joint tables).  Estimates from observed labels live
in :mod:`infomeasures.samples`, softmax and cross-entropy with gradients in
:mod:`infomeasures.nn`, scikit-learn style metrics in
:mod:`infomeasures.metrics`.
"""

from ._measures import (
    binary_entropy,
    conditional_entropy,
    conditional_mutual_information,
    cross_entropy,
    entropy,
    joint_entropy,
    js_distance,
    js_divergence,
    kl_divergence,
    mutual_information,
    self_information,
)

__version__ = "0.1.0"

__all__ = [
    "__version__",
    "binary_entropy",
    "conditional_entropy",
    "conditional_mutual_information",
    "cross_entropy",
    "entropy",
    "joint_entropy",
    "js_distance",
    "js_divergence",
    "kl_divergence",
    "mutual_information",
    "self_information",
]
