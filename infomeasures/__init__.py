"""infomeasures: information-theory measures that are accurate, stable and fast.

The top-level namespace holds the measures of discrete distributions
(probability vectors and joint tables), including those of many variables
(total correlation, O-information, co-information) and the Rényi and Tsallis
families.  Estimates from observed labels live
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
    renyi_divergence,
    renyi_entropy,
    self_information,
    tsallis_entropy,
)
from ._multivariate import (
    co_information,
    dual_total_correlation,
    interaction_information,
    normalized_pointwise_mutual_information,
    o_information,
    pointwise_mutual_information,
    total_correlation,
)
from ._validation import ContinuousDataWarning

__version__ = "0.2.0"

__all__ = [
    "ContinuousDataWarning",
    "__version__",
    "binary_entropy",
    "co_information",
    "conditional_entropy",
    "conditional_mutual_information",
    "cross_entropy",
    "dual_total_correlation",
    "entropy",
    "interaction_information",
    "joint_entropy",
    "js_distance",
    "js_divergence",
    "kl_divergence",
    "mutual_information",
    "normalized_pointwise_mutual_information",
    "o_information",
    "pointwise_mutual_information",
    "renyi_divergence",
    "renyi_entropy",
    "self_information",
    "total_correlation",
    "tsallis_entropy",
]
