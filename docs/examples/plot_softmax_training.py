"""
Training a softmax classifier with ``nn``
=========================================

:mod:`infomeasures.nn` exists for this loop: a linear softmax classifier
trained by gradient descent on the cross-entropy, with the loss and its
gradient from one fused call, and the gradient checked against finite
differences before training starts.

The data are three Gaussian clouds in the plane.  The model is
``logits = X @ W + b``; since ``dL/dlogits`` comes back from
:func:`~infomeasures.nn.softmax_cross_entropy`, the chain rule gives
``dL/dW = X.T @ dL/dlogits`` and ``dL/db = dL/dlogits.sum(axis=0)``.
"""

import matplotlib.pyplot as plt
import numpy as np

from infomeasures import nn

rng = np.random.default_rng(0)
centers = np.array([[0.0, 3.0], [-3.0, -2.0], [3.0, -2.0]])
X = np.concatenate([c + rng.normal(size=(60, 2)) for c in centers])
y = np.repeat(np.arange(3), 60)

# %%
# Check the gradient first
# ------------------------
# :func:`~infomeasures.nn.check_grad` compares an analytic gradient with
# central finite differences; a gap near 1e-9 or below means it is right.
# Here the gradient with respect to the logits at a random point:

logits = rng.normal(size=(5, 3))
targets = np.array([0, 2, 1, 1, 0])
loss, dlogits = nn.softmax_cross_entropy(logits, targets, return_grad=True)
gap = nn.check_grad(lambda z: nn.softmax_cross_entropy(z, targets), logits, dlogits)
print(f"loss {loss:.4f} nats, gradient check gap {gap:.1e}")

# %%
# Train
# -----
# Plain gradient descent with step 0.5.  The starting loss is ln 3, the
# cross-entropy of the uniform guess over three classes.

W, b = np.zeros((2, 3)), np.zeros(3)
losses = []
for _step in range(300):
    loss, dz = nn.softmax_cross_entropy(X @ W + b, y, return_grad=True)
    losses.append(loss)
    W -= 0.5 * (X.T @ dz)
    b -= 0.5 * dz.sum(axis=0)
accuracy = np.mean(np.argmax(X @ W + b, axis=-1) == y)
print(f"start {losses[0]:.4f} nats (ln 3 = {np.log(3):.4f}), end {losses[-1]:.4f}")
print(f"training accuracy {accuracy:.3f}")

# %%
# The loss curve and what the model learned
# -----------------------------------------
# Left, the mean cross-entropy per step; right, the predicted class
# probabilities over the plane (colour mixes the three
# :func:`~infomeasures.nn.softmax` outputs).

fig, (ax0, ax1) = plt.subplots(1, 2, figsize=(9, 3.8))
ax0.plot(losses)
ax0.axhline(np.log(3), color="gray", lw=0.5, ls="--")
ax0.set_yscale("log")
ax0.set_xlabel("gradient step")
ax0.set_ylabel("mean cross-entropy (nats)")
ax0.set_title("training loss")

g = np.linspace(-6.5, 6.5, 200)
gx, gy = np.meshgrid(g, g)
grid = np.column_stack([gx.ravel(), gy.ravel()])
probs = nn.softmax(grid @ W + b).reshape(200, 200, 3)
ax1.imshow(probs, origin="lower", extent=(g[0], g[-1], g[0], g[-1]), alpha=0.45)
ax1.scatter(X[:, 0], X[:, 1], c=np.eye(3)[y], s=10, edgecolor="k", linewidth=0.3)
ax1.set_title("softmax probabilities")
ax1.set_aspect("equal")
fig.tight_layout()
plt.show()
