"""bp's gradients against PyTorch autograd on random networks (``nox -s crosscheck``).

The same network is built in torch, float64, from ``net.weights`` and ``net.biases``
(``weights[l]`` has shape (n_out, n_in), torch's own layout for a linear layer), the same loss is
written with torch's functions, and ``loss.backward()`` gives the reference gradient. The two
agree to rounding: rel 1e-10, abs 1e-12.

At the ReLU's kink both take the derivative 0 (bp's ``relu_prime(0) == 0``, torch's
``relu`` backward is ``grad * (z > 0)``), so no input has to be kept away from it.

Skipped when torch is not installed.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import BATCH, LOSSES, SEEDS, data, sizes_for

from bp.activations import relu_prime
from bp.network import Network

torch = pytest.importorskip("torch")
F = torch.nn.functional

RTOL = 1e-10
ATOL = 1e-12

ACTIVATIONS = {
    "sigmoid": torch.sigmoid,
    "tanh": torch.tanh,
    "relu": torch.relu,
    "identity": lambda z: z,
}


def torch_gradients(net, X, Y, activation, loss):
    """Gradients of the loss with respect to every weight and bias, by torch autograd."""
    Ws = [torch.tensor(W, dtype=torch.float64, requires_grad=True) for W in net.weights]
    bs = [torch.tensor(b, dtype=torch.float64, requires_grad=True) for b in net.biases]
    a = torch.tensor(X, dtype=torch.float64)
    y = torch.tensor(Y, dtype=torch.float64)
    f = ACTIVATIONS[activation]
    for l, (W, b) in enumerate(zip(Ws, bs, strict=True), start=1):
        z = F.linear(a, W, b)  # z = a W^T + b
        a = z if l == len(Ws) and loss == "cross_entropy" else f(z)
    if loss == "cross_entropy":
        # Softmax and categorical cross-entropy on the logits z; with class-probability
        # targets, reduction="mean" divides by the batch size.
        C = F.cross_entropy(z, y, reduction="mean")
    else:
        C = 0.5 * F.mse_loss(a, y, reduction="sum") / len(X)  # mean over the batch of ½‖a − y‖²
    C.backward()
    return [W.grad.numpy() for W in Ws], [b.grad.numpy() for b in bs]


def test_relu_takes_the_same_derivative_as_torch_at_the_kink():
    z = torch.tensor([-1.0, 0.0, 2.0], dtype=torch.float64, requires_grad=True)
    torch.relu(z).sum().backward()
    np.testing.assert_array_equal(relu_prime(np.array([-1.0, 0.0, 2.0])), z.grad.numpy())


@settings(deadline=None, max_examples=40)
@given(
    loss_and_sizes=LOSSES.flatmap(lambda loss: st.tuples(st.just(loss), sizes_for(loss))),
    activation=st.sampled_from(sorted(ACTIVATIONS)),
    batch=BATCH,
    seed=SEEDS,
)
def test_gradients_match_torch_autograd(loss_and_sizes, activation, batch, seed):
    loss, sizes = loss_and_sizes
    net = Network(sizes, activation=activation, loss=loss, seed=seed)
    X, Y = data(sizes, batch, seed, loss)
    dW, db = net.gradients(X, Y)
    tW, tb = torch_gradients(net, X, Y, activation, loss)
    for l, (ours, theirs) in enumerate(zip(dW, tW, strict=True), start=1):
        assert ours.shape == theirs.shape == net.weights[l - 1].shape
        np.testing.assert_allclose(ours, theirs, rtol=RTOL, atol=ATOL, err_msg=f"dW layer {l}")
    for l, (ours, theirs) in enumerate(zip(db, tb, strict=True), start=1):
        assert ours.shape == theirs.shape == net.biases[l - 1].shape
        np.testing.assert_allclose(ours, theirs, rtol=RTOL, atol=ATOL, err_msg=f"db layer {l}")
