"""A dense feed-forward network, trained by backpropagation.

Notation is the book's. Layer 0 is the input, layer :math:`L` the output. Layer :math:`l` has
weights :math:`W^{(l)}`, whose entry :math:`w^{(l)}_{jk}` (row ``j``, column ``k``) goes *to*
neuron :math:`j` of layer :math:`l` *from* neuron :math:`k` of layer :math:`l-1`, and biases
:math:`b^{(l)}`. For a batch whose rows are examples,

.. math::

    z^{(l)} = a^{(l-1)} W^{(l)\\top} + b^{(l)}, \\qquad a^{(l)} = \\sigma(z^{(l)}),

and backpropagation computes the error :math:`\\delta^{(l)} = \\partial C / \\partial z^{(l)}` of
every layer, from the last to the first, with the four equations

.. math::

    \\begin{aligned}
    \\delta^{(L)} &= \\nabla_a C \\odot \\sigma'(z^{(L)})                          && \\text{(BP1)} \\\\
    \\delta^{(l)} &= \\big(\\delta^{(l+1)} W^{(l+1)}\\big) \\odot \\sigma'(z^{(l)})     && \\text{(BP2)} \\\\
    \\partial C / \\partial b^{(l)} &= \\textstyle\\sum_x \\delta^{(l)}_x              && \\text{(BP3)} \\\\
    \\partial C / \\partial W^{(l)} &= \\delta^{(l)\\top} a^{(l-1)}                    && \\text{(BP4)}
    \\end{aligned}

Here :math:`C` is the *mean* loss over the batch, so row ``x`` of :math:`\\delta^{(l)}` is
:math:`\\tfrac1n \\partial C_x / \\partial z^{(l)}_x`: the :math:`1/n` lives in (BP1), through
:math:`\\nabla_a C`, and the sums of (BP3) and (BP4) are means of the examples' own errors,
as the book writes them.

>>> import numpy as np
>>> from bp.network import Network
>>> net = Network([2, 3, 1], seed=0)
>>> dW, db = net.gradients(np.array([[0.0, 1.0]]), np.array([[1.0]]))
>>> [d.shape for d in dW], [d.shape for d in db]
([(3, 2), (1, 3)], [(3,), (1,)])
"""

from __future__ import annotations

import copy as _copy
import itertools
import math

import numpy as np

from bp import _checks, storage
from bp import activations as _activations
from bp import losses as _losses

__all__ = ["Network"]


class Network:
    """A dense feed-forward network.

    Parameters
    ----------
    sizes : sequence of int
        Widths of the layers, input first: ``[2, 2, 2]`` is the book's 2-2-2 network.
        At least two sizes, each at least 1.
    activation : str or Activation, default "sigmoid"
        The activation of every layer (the output layer too, unless the loss imposes its own):
        ``"sigmoid"``, ``"tanh"``, ``"relu"`` or ``"identity"``.
    loss : str or Loss, default "squared_error"
        ``"squared_error"``, or ``"cross_entropy"`` (which makes the output layer a softmax).
    seed : int, default 0
        Seed of the initialisation (an integer >= 0); the same seed gives the same network.
    dtype : numpy dtype, default numpy.float64
        Floating dtype of the parameters; gradients have the same dtype.

    Attributes
    ----------
    weights : list of numpy.ndarray
        ``weights[l - 1]`` is :math:`W^{(l)}`, shape (sizes[l], sizes[l - 1]).
    biases : list of numpy.ndarray
        ``biases[l - 1]`` is :math:`b^{(l)}`, shape (sizes[l],).

    An array assigned whole (``net.weights[0] = value``, or ``net.weights = [...]``) must have
    the layer's shape and is converted to the network's dtype, integers included (booleans,
    NaN and values beyond the dtype are refused); the number of layers is fixed.

    Raises
    ------
    TypeError, ValueError
        On a bad argument (the message names it), for instance sizes given as a set (which has no
        order) or a cross-entropy network with a single output (whose softmax is always 1).

    Notes
    -----
    Every public method checks its arguments once and returns finite numbers or raises a
    ValueError: inputs or targets with NaN or infinity, or too large for the network's dtype,
    are refused; a result that is not finite (parameters set to NaN by hand, or an overflow) is
    an error that names its cause, never a NaN handed back. On any error nothing is changed.
    Integer inputs and targets are converted to the network's dtype; booleans are refused.
    A network can be saved to a file (:meth:`save`), copied, and pickled (for multiprocessing).

    Weights and biases start as :math:`\\mathcal N(0, 1/n_{in})` draws, so that :math:`z` stays
    of order one whatever the width. (Random rather than zero biases keep a ReLU unit whose
    inputs are all zero off its kink at :math:`z = 0`.)

    Examples
    --------
    >>> net = Network([2, 2, 2], seed=1)
    >>> net
    Network(sizes=[2, 2, 2], activation='sigmoid', loss='squared_error')
    >>> net.forward(np.array([0.05, 0.10])).shape
    (2,)
    """

    def __init__(self, sizes, activation="sigmoid", loss="squared_error", seed=0, dtype=np.float64):
        sizes = _checks.sizes(sizes)
        dtype = _checks.float_dtype(dtype)
        self.activation = _activations.get(activation)
        self.loss = _losses.get(loss)
        seed = _checks.seed(seed)
        if self.loss.output is not None and sizes[-1] < 2:
            raise _checks.fail(
                ValueError,
                "sizes",
                f"end with at least 2 outputs for the {self.loss.name} loss (the softmax of a "
                "single output is always 1, so its gradient would always be 0)",
                sizes,
            )
        rng = np.random.default_rng(seed)
        pairs = list(itertools.pairwise(sizes))  # (n_in, n_out) of each layer
        weights = [rng.normal(0.0, 1 / np.sqrt(k), size=(n, k)).astype(dtype) for k, n in pairs]
        biases = [rng.normal(0.0, 1 / np.sqrt(k), size=n).astype(dtype) for k, n in pairs]
        super().__setattr__("weights", _checks.Layers("weights", weights))
        super().__setattr__("biases", _checks.Layers("biases", biases))

    def __setattr__(self, name, value):
        if name in ("weights", "biases"):  # net.weights = [...]: checked as net.weights[l] = ...
            value = getattr(self, name).replaced(value)
        super().__setattr__(name, value)

    @classmethod
    def from_params(cls, weights, biases, activation="sigmoid", loss="squared_error"):
        """A network with the given weights and biases (copied).

        Parameters
        ----------
        weights : sequence of array_like
            ``weights[l - 1]`` is :math:`W^{(l)}`, shape (n_out, n_in): row ``j``, column ``k``
            holds :math:`w_{jk}`, the weight to neuron ``j`` from neuron ``k``.
        biases : sequence of array_like
            ``biases[l - 1]`` is :math:`b^{(l)}`, shape (n_out,).
        activation : str or Activation, default "sigmoid"
        loss : str or Loss, default "squared_error"
            With ``"cross_entropy"`` the output layer is a softmax.

        Returns
        -------
        Network
            Its dtype is the common dtype of the floating-point parameters, float64 if all are
            integers (booleans are refused: they are not numbers).

        Examples
        --------
        The book's running example, :math:`W^{(1)} = [[w_1, w_2], [w_3, w_4]]`:

        >>> net = Network.from_params(
        ...     weights=[[[0.15, 0.20], [0.25, 0.30]], [[0.40, 0.45], [0.50, 0.55]]],
        ...     biases=[[0.35, 0.35], [0.60, 0.60]],
        ... )
        >>> net.forward([0.05, 0.10])
        array([0.75136507, 0.77292847])
        """
        Ws, bs, dtype = _checks.layers(weights, biases)
        sizes = [Ws[0].shape[1]] + [W.shape[0] for W in Ws]
        net = cls(sizes, activation, loss, dtype=dtype)
        net.weights = [np.array(W) for W in Ws]  # copies: the caller's arrays stay theirs
        net.biases = [np.array(b) for b in bs]
        return net

    # --- keeping a network --------------------------------------------------------------------
    def save(self, path):
        """Write the network to the file ``path``, to be read back by :meth:`load`.

        An ``.npz`` of arrays and names, written whole or not at all by :func:`bp.storage.write`
        (which says what it refuses): the activation and the loss must be bp's own.

        Examples
        --------
        >>> import os, tempfile
        >>> path = os.path.join(tempfile.mkdtemp(), "net.npz")
        >>> net = Network([2, 2, 2], seed=1)
        >>> net.save(path)
        >>> all(np.array_equal(p, q) for p, q in zip(Network.load(path).weights, net.weights))
        True
        """
        storage.write(path, self.activation, self.loss, self.weights, self.biases)

    @classmethod
    def load(cls, path):
        """The network that :meth:`save` wrote to ``path``, bit for bit, in its dtype.

        Read with ``allow_pickle=False``, so a file from someone else runs no code, and checked
        by :func:`bp.storage.read`: another format, a damaged file or contents that do not fit
        together are a ValueError that says why.

        Examples
        --------
        >>> import os, tempfile
        >>> path = os.path.join(tempfile.mkdtemp(), "net.npz")
        >>> Network([3, 2], activation="tanh", dtype=np.float32).save(path)
        >>> Network.load(path).dtype
        dtype('float32')
        """
        weights, biases, activation, loss = storage.read(path)
        try:
            return cls.from_params(weights, biases, activation, loss)
        except (TypeError, ValueError) as err:  # NaN, an unknown name, a 1-output softmax
            raise storage.bad_file(path, err) from None

    # --- description -------------------------------------------------------------------------
    @property
    def sizes(self):
        """Widths of the layers, input first (list of int).

        Examples
        --------
        >>> Network([784, 30, 10]).sizes
        [784, 30, 10]
        """
        return [self.weights[0].shape[1]] + [W.shape[0] for W in self.weights]

    @property
    def L(self):
        """Number of layers with weights, :math:`L`; the output layer is layer :math:`L`.

        Examples
        --------
        >>> Network([2, 2, 2]).L
        2
        """
        return len(self.weights)

    @property
    def dtype(self):
        """Floating dtype of the parameters.

        Examples
        --------
        >>> Network([2, 1], dtype=np.float32).dtype
        dtype('float32')
        """
        return self.weights[0].dtype

    def __repr__(self):
        return (
            f"Network(sizes={self.sizes}, activation={self.activation.name!r}, "
            f"loss={self.loss.name!r})"
        )

    def copy(self):
        """An independent copy: training the copy leaves this network unchanged.

        Examples
        --------
        >>> net = Network([2, 1])
        >>> twin = net.copy()
        >>> twin.weights[0][0, 0] = 99.0
        >>> float(net.weights[0][0, 0]) == 99.0
        False
        """
        return _copy.deepcopy(self)

    # --- forward ------------------------------------------------------------------------------
    def _layer_activation(self, l):
        """The function :math:`\\sigma` of layer ``l``: the loss's output function (softmax for
        cross-entropy) on the output layer if the loss imposes one, else the network's activation."""
        if self.loss.output is not None and l == len(self.weights):
            return self.loss.output
        return _activations.unchecked(self.activation).f  # X was checked at the boundary

    def _forward_pass(self, X):
        """Lists ``z``, ``a`` indexed by layer: ``z[0]`` is None, ``a[0]`` is ``X``."""
        z, a = [None], [X]
        for l, (W, b) in enumerate(zip(self.weights, self.biases, strict=True), start=1):
            z.append(a[l - 1] @ W.T + b)
            a.append(self._layer_activation(l)(z[l]))
        return z, a

    def forward(self, X):
        """The output :math:`a^{(L)}` of the network for inputs ``X``.

        Parameters
        ----------
        X : array_like, shape (batch, n_in) or (n_in,)
            One example a row; a 1-D ``X`` is one example.

        Returns
        -------
        numpy.ndarray, shape (batch, n_out) or (n_out,)

        Examples
        --------
        >>> net = Network([3, 4, 2])
        >>> net.forward(np.zeros((5, 3))).shape
        (5, 2)
        """
        with np.errstate(all="ignore"):
            Xb, single = _checks.batches(self, X, finite=False)
            z, a = self._forward_pass(Xb)
            _checks.results_finite(self, "the output", X, None, *z[1:], a[-1])
        return a[-1][0] if single else a[-1]

    def forward_pass(self, X):
        """Every layer's weighted input and activation, indexed as in the book.

        Parameters
        ----------
        X : array_like, shape (batch, n_in) or (n_in,)

        Returns
        -------
        z : list of numpy.ndarray
            ``z[l]`` is :math:`z^{(l)}`, shape (batch, sizes[l]); ``z[0]`` is None.
        a : list of numpy.ndarray
            ``a[l]`` is :math:`a^{(l)}`, shape (batch, sizes[l]); ``a[0]`` is the input batch,
            a copy: changing it leaves ``X`` alone.

        Examples
        --------
        >>> z, a = Network([2, 3, 1]).forward_pass([1.0, 2.0])
        >>> [x.shape for x in a]
        [(1, 2), (1, 3), (1, 1)]
        """
        with np.errstate(all="ignore"):
            Xb, _ = _checks.batches(self, X, finite=False)
            z, a = self._forward_pass(Xb.copy())
            _checks.results_finite(
                self, "the weighted inputs and activations", X, None, *z[1:], *a[1:]
            )
        return z, a

    def _cost(self, X, Y):
        """The loss on a batch (of the network's dtype), as a float; and the weighted inputs."""
        z, a = self._forward_pass(X)
        return float(self.loss.f(a[-1], Y, z[-1])), z

    def cost(self, X, Y):
        """The loss :math:`C` of the network on a batch: the mean over its examples.

        Parameters
        ----------
        X : array_like, shape (batch, n_in) or (n_in,)
        Y : array_like, shape (batch, n_out) or (n_out,)

        Returns
        -------
        float

        Examples
        --------
        >>> net = Network([1, 1], activation="identity")
        >>> net.weights[0][:], net.biases[0][:] = 2.0, 0.0
        >>> net.cost([[1.0], [2.0]], [[1.0], [2.0]])  # (1/2) * ((2-1)**2 + (4-2)**2) / 2
        1.25
        """
        with np.errstate(all="ignore"):
            Xb, Yb = _checks.batches(self, X, Y, finite=False)
            C, z = self._cost(Xb, Yb)
            _checks.results_finite(self, "the cost", X, Y, *z[1:], np.array(C))
        return C

    # --- backward -----------------------------------------------------------------------------
    # Shown whole on the page "Back in backprop", and (BP1)-(BP4) line by line, found by each
    # line's start and its "# (BPn)" comment: keep those when changing these lines.
    def _backprop(self, X, Y):
        """One forward pass and one backward pass; every list is indexed by layer ``l``."""
        z, a = self._forward_pass(X)
        L, df = self.L, _activations.unchecked(self.activation).df  # df(z, a) = sigma'(z)
        W = [None, *self.weights]  # W[l] is W^(l): layer 0 is the input and has no weights
        delta = [None] * (L + 1)
        delta[L] = self.loss.delta(z[L], a[L], Y, df)  # (BP1)
        for l in range(L - 1, 0, -1):
            delta[l] = (delta[l + 1] @ W[l + 1]) * df(z[l], a[l])  # (BP2)
        db = [delta[l].sum(axis=0) for l in range(1, L + 1)]  # (BP3)
        dW = [delta[l].T @ a[l - 1] for l in range(1, L + 1)]  # (BP4)
        return z, a, delta, dW, db

    def deltas(self, X, Y):
        """The error :math:`\\delta^{(l)} = \\partial C/\\partial z^{(l)}` of every layer.

        Parameters
        ----------
        X : array_like, shape (batch, n_in) or (n_in,)
        Y : array_like, shape (batch, n_out) or (n_out,)

        Returns
        -------
        list of numpy.ndarray
            ``delta[l]`` has shape (batch, sizes[l]); ``delta[0]`` is None. Row ``x`` is the
            error of example ``x`` scaled by ``1/batch`` (the loss is a mean).

        Examples
        --------
        >>> delta = Network([2, 3, 1]).deltas([1.0, 2.0], [0.5])
        >>> [None if d is None else d.shape for d in delta]
        [None, (1, 3), (1, 1)]
        """
        with np.errstate(all="ignore"):
            Xb, Yb = _checks.batches(self, X, Y, finite=False)
            z, _, delta, _, _ = self._backprop(Xb, Yb)
            _checks.results_finite(self, "the errors delta", X, Y, *z[1:], *delta[1:])
        return delta

    def gradients(self, X, Y):
        """The exact gradient of the loss by backpropagation.

        One forward pass and one backward pass, layer by layer, the whole batch as one matrix
        product per layer.

        Parameters
        ----------
        X : array_like, shape (batch, n_in) or (n_in,)
            Inputs, one example a row.
        Y : array_like, shape (batch, n_out) or (n_out,)
            Targets (for the cross-entropy loss, rows of non-negative weights summing to 1,
            such as one-hot rows).

        Returns
        -------
        dW : list of numpy.ndarray
            ``dW[l - 1]`` is :math:`\\partial C/\\partial W^{(l)}`, shaped like ``weights[l - 1]``.
        db : list of numpy.ndarray
            ``db[l - 1]`` is :math:`\\partial C/\\partial b^{(l)}`, shaped like ``biases[l - 1]``.

        Examples
        --------
        The book's running example: :math:`\\partial E/\\partial w_5` is row 0, column 0 of the
        output layer's gradient.

        >>> net = Network.from_params(
        ...     [[[0.15, 0.20], [0.25, 0.30]], [[0.40, 0.45], [0.50, 0.55]]],
        ...     [[0.35, 0.35], [0.60, 0.60]],
        ... )
        >>> dW, db = net.gradients([0.05, 0.10], [0.01, 0.99])
        >>> round(float(dW[1][0, 0]), 9)
        0.082167041
        """
        with np.errstate(all="ignore"):
            Xb, Yb = _checks.batches(self, X, Y, finite=False)
            z, _, _, dW, db = self._backprop(Xb, Yb)
            _checks.results_finite(self, "the gradients", X, Y, *z[1:], *dW, *db)
        return dW, db

    # --- learning ------------------------------------------------------------------------------
    def _step(self, X, Y, lr):
        """One update on a checked batch: every new value is computed, checked, then written.

        Raises :class:`_NotFinite`, with nothing written, if any new value is not finite.
        """
        dW, db = self._backprop(X, Y)[3:]
        params = self.weights + self.biases
        new = [p - lr * g for p, g in zip(params, dW + db, strict=True)]
        if not _checks.finite_results(*new):
            raise _NotFinite
        for p, value in zip(params, new, strict=True):
            p[...] = value

    def step(self, X, Y, lr):
        """One step of gradient descent, :math:`w \\leftarrow w - \\eta\\,\\partial C/\\partial w`.

        Every gradient is computed at the current parameters, and every new value is computed
        and checked, before any parameter changes. On an error nothing is changed.

        Parameters
        ----------
        X : array_like, shape (batch, n_in) or (n_in,)
        Y : array_like, shape (batch, n_out) or (n_out,)
        lr : float
            The learning rate :math:`\\eta`, > 0.

        Returns
        -------
        Network
            This network, updated in place.

        Raises
        ------
        ValueError
            If the step would make a parameter NaN or infinite (a learning rate too large for
            the gradient); the message suggests a smaller one.

        Examples
        --------
        >>> net = Network([2, 2, 2], seed=0)
        >>> X, Y = np.array([[0.05, 0.10]]), np.array([[0.01, 0.99]])
        >>> before = net.cost(X, Y)
        >>> net.step(X, Y, lr=0.5).cost(X, Y) < before
        True
        """
        with np.errstate(all="ignore"):
            Xb, Yb = _checks.batches(self, X, Y, finite=False)
            lr = _checks.positive_number(lr, "lr")
            _checks.writeable(self.weights, self.biases)
            try:
                self._step(Xb, Yb, lr)  # a NaN or inf in X, Y or the parameters: a NaN update
            except _NotFinite:
                _checks.batches(self, X, Y)  # ... which names the input if it was the cause
                raise _checks.diverged(self, "in this step", lr, restored=False) from None
        return self

    def fit(self, X, Y, lr, epochs, batch_size=None, seed=0, callback=None):
        """Train by (mini-batch) gradient descent and return the loss after every epoch.

        Parameters
        ----------
        X : array_like, shape (n, n_in)
        Y : array_like, shape (n, n_out)
        lr : float
            The learning rate :math:`\\eta`, > 0.
        epochs : int
            Passes over the data, >= 1.
        batch_size : int, optional
            Examples per step; the default (None) takes the whole data set as one batch. In each
            epoch the examples are shuffled (by a generator seeded with ``seed``) and split into
            batches of this size, the last one possibly smaller.
        seed : int, default 0
            Seed of the shuffling, an integer >= 0.
        callback : callable, optional
            Called as ``callback(epoch, net, loss)`` after every epoch (``epoch`` counts from 1);
            training stops early if it returns True. It may read the network and change its
            parameters in place (clip them, say), but must leave them finite.

        Returns
        -------
        list of float
            The loss on (X, Y) after each epoch, :meth:`cost` of the network at that point.

        Raises
        ------
        ValueError
            On a bad argument (checked once, before training); when a step would make a
            parameter, or the loss, NaN or infinite (training diverged, usually because ``lr``
            is too large: the message names the epoch and the step); or when the callback left
            a parameter NaN or infinite (the message names the callback). On any error, the
            callback's own or an interrupt included, the network is left as it was before the
            call.

        Examples
        --------
        >>> X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
        >>> Y = np.array([[0], [1], [1], [0]])
        >>> net = Network([2, 3, 1], seed=0)
        >>> history = net.fit(X, Y, lr=2.0, epochs=100)
        >>> len(history), history[-1] < history[0]
        (100, True)
        """
        with np.errstate(all="ignore"):
            X, Y = _checks.batches(self, X, Y)
            lr = _checks.positive_number(lr, "lr")
            epochs = _checks.positive_int(epochs, "epochs")
            n = len(X)
            if batch_size is not None:
                batch_size = _checks.positive_int(batch_size, "batch_size")
            batch_size = n if batch_size is None else min(batch_size, n)
            rng = np.random.default_rng(_checks.seed(seed))
            if callback is not None:
                _checks.function(callback, "callback")
            _checks.writeable(self.weights, self.biases)
            start = [p.copy() for p in self.weights + self.biases]
            history = []
            try:
                for epoch in range(1, epochs + 1):
                    if batch_size == n:  # one step on the whole data: nothing to shuffle
                        batches = [(X, Y)]
                    else:
                        order = rng.permutation(n)
                        rows = [
                            order[first : first + batch_size] for first in range(0, n, batch_size)
                        ]
                        batches = [(X[r], Y[r]) for r in rows]
                    for step, (Xb, Yb) in enumerate(batches, start=1):
                        where = f"at epoch {epoch}, step {step}"
                        self._step(Xb, Yb, lr)
                    where = f"in the loss after epoch {epoch}"
                    history.append(self._cost(X, Y)[0])
                    if not math.isfinite(history[-1]):
                        raise _NotFinite
                    if callback is not None:
                        stop = callback(epoch, self, history[-1])
                        if bad := _checks.nonfinite_array(self.weights, self.biases):
                            raise _checks.fail(
                                ValueError,
                                "callback",
                                "leave the network's parameters finite",
                                f"NaN or inf in {bad} after epoch {epoch}; the network is as it "
                                "was before the call",
                            )
                        if stop:
                            break
            except BaseException as err:  # a diverging step, the callback's error, an interrupt
                for p, value in zip(self.weights + self.biases, start, strict=True):
                    p[...] = value  # nothing changed
                if isinstance(err, _NotFinite):
                    raise _checks.diverged(self, where, lr, restored=True) from None
                raise
        return history


class _NotFinite(Exception):
    """An update that would have made a parameter NaN or infinite (nothing was written)."""
