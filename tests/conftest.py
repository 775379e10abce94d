import os

import numpy as np
import pytest
from hypothesis import HealthCheck, settings

# CI draws a fixed sequence of examples (derandomize), so a CI verdict can be
# reproduced on any machine; the dev profile draws fresh examples each run
# and keeps exploring (its failures are replayed from the local database).
settings.register_profile(
    "ci",
    max_examples=300,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=40, deadline=None)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev")
)


# numpy's floating-point error state before any test ran.  dit sets
# np.seterr(all="ignore") when it is imported (the dit cross-checks import it),
# which would hide the warnings that the tests turn into errors: every test
# starts from this state again.
_NUMPY_ERRORS = np.geterr()


@pytest.fixture(autouse=True)
def _numpy_error_state():
    np.seterr(**_NUMPY_ERRORS)
    yield
    np.seterr(**_NUMPY_ERRORS)


def pytest_addoption(parser):
    parser.addoption(
        "--runslow", action="store_true", help="also run tests marked slow (CI always does)"
    )


def pytest_collection_modifyitems(config, items):
    # Slow statistical tests run in CI (CI=true) or with --runslow; a quick
    # local run skips them.
    if config.getoption("--runslow") or os.environ.get("CI"):
        return
    skip = pytest.mark.skip(reason="slow: runs in CI, or locally with --runslow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)
