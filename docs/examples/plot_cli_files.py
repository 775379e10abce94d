"""
The command line on a real file
===============================

``infomeasures`` reads the columns of a CSV or TSV file in chunks, so the
file may be larger than memory.  This example runs it on
``docs/data/tennis.csv``, the fourteen days of weather and whether tennis
was played that decision-tree textbooks start from, and ranks the columns
by how much they tell about ``play``: the *information gain*
I(column; play), the quantity ID3 splits on.

From a shell, in the ``docs`` folder, each number below is one command::

    $ infomeasures entropy data/tennis.csv --column play
    0.940286 bits
    $ infomeasures mi data/tennis.csv --x outlook --y play
    0.24675 bits

Here the same commands run through :func:`infomeasures.cli.main`, which is
what the ``infomeasures`` script calls, with ``--json`` so Python can read
the result.
"""

import contextlib
import csv
import io
import json
from pathlib import Path

import matplotlib.pyplot as plt

from infomeasures import metrics
from infomeasures.cli import main

# sphinx-gallery runs examples from their own folder; the data sit beside it.
DATA = Path("..") / "data" / "tennis.csv"
if not DATA.exists():  # run from the repository root
    DATA = Path("docs") / "data" / "tennis.csv"


def infomeasures(*args):
    """Run one ``infomeasures`` command and return its JSON answer."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = main([*map(str, args), "--json"])
    assert status == 0
    return json.loads(out.getvalue())


h_play = infomeasures("entropy", DATA, "--column", "play")
print(f"H(play) = {h_play['value']:.4f} {h_play['unit']} from n = {h_play['n']} days")

# %%
# Information gain of each column
# -------------------------------
# The plug-in estimate, and Miller-Madow's bias correction: with fourteen
# rows the plug-in estimate of mutual information is biased upwards by
# about (rows - 1)(columns - 1) / (2 n ln 2) bits, so a column with many
# values looks more informative than it is.

columns = ["outlook", "temperature", "humidity", "windy", "day"]
gain = {c: infomeasures("mi", DATA, "--x", c, "--y", "play")["value"] for c in columns}
corrected = {
    c: infomeasures("mi", DATA, "--x", c, "--y", "play", "--estimator", "miller-madow")["value"]
    for c in columns
}
for c in columns:
    print(f"{c:<12} {gain[c]:.4f} bits   (Miller-Madow {corrected[c]:+.4f})")

# %%
# The ``day`` column is a different label on every row: it "explains" play
# completely (its gain equals H(play)), the classic trap that made C4.5
# replace the gain by the gain ratio.  A bias correction does not catch it
# (Miller-Madow even adds a little, since its correction counts categories);
# a score adjusted for chance does.  Adjusted mutual information compares
# the gain with its expectation under random relabelling, and for ``day``
# that expectation is the whole gain:

with DATA.open() as f:
    rows = list(csv.DictReader(f))
for c in ["outlook", "day"]:
    ami = metrics.adjusted_mutual_info_score([r[c] for r in rows], [r["play"] for r in rows])
    print(f"adjusted mutual information of {c} and play: {ami:.3f}")

fig, ax = plt.subplots(figsize=(7, 3.4))
y = range(len(columns))
ax.barh([i + 0.2 for i in y], [gain[c] for c in columns], height=0.4, label="plug-in")
ax.barh([i - 0.2 for i in y], [corrected[c] for c in columns], height=0.4, label="Miller-Madow")
ax.axvline(h_play["value"], color="gray", ls="--", lw=0.8)
ax.text(h_play["value"], -0.45, "H(play) ", color="gray", ha="right", va="center")
ax.axvline(0, color="k", lw=0.5)
ax.set_yticks(list(y), columns)
ax.invert_yaxis()
ax.set_xlabel("I(column; play), bits")
ax.set_xlim(-0.15, 1.1)
ax.legend(loc="center right")
fig.tight_layout()
plt.show()
