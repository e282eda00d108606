"""bp: the small numpy package behind every number in the book *Backpropagation, computed*.

Each module holds one concept of the book:

- :mod:`bp.activations` -- sigmoid, tanh, relu, identity, each beside its derivative;
- :mod:`bp.losses` -- squared error and softmax cross-entropy, each beside its gradient;
- :mod:`bp.network` -- a dense feed-forward :class:`~bp.network.Network` trained by backpropagation;
- :mod:`bp.storage` -- a network in a file: the ``.npz`` format of ``Network.save`` and ``load``;
- :mod:`bp.gradcheck` -- central finite differences, the second way every gradient is checked;
- :mod:`bp.example` -- the classic 2-2-2 worked example, one named scalar at a time: its values,
  its wiring, and the same network as a :class:`~bp.network.Network` and as a graph;
- :mod:`bp.slips` -- the known slips in the worked example, and the check of a learner's numbers;
- :mod:`bp.walk` -- the walk-through: one step of the worked example in the order of a hand
  calculation, each rule with its numbers substituted;
- :mod:`bp.graph` -- a scalar computational graph: reverse mode (:class:`~bp.graph.Value`) and
  forward mode (:class:`~bp.graph.Dual`);
- :mod:`bp.data` -- the XOR points and scikit-learn's digits, with one-hot targets;
- :mod:`bp.landscape` -- the worked example's error as one or two weights vary, and gradient
  descent on one weight;
- :mod:`bp.plotting` -- the book's figures, one module per kind of picture (needs matplotlib);
- :mod:`bp.timing` -- the best-of-N timer of the pages that measure cost;
- :mod:`bp.cli` -- ``python -m bp trace`` and ``python -m bp check``, the worked example at the
  command line.
"""

__version__ = "0.1.0"

#: The name bp is installed under; ``bp`` on PyPI is an unrelated project.
DISTRIBUTION = "backprop-computed"
#: The optional dependencies: ``plot`` (matplotlib, for :mod:`bp.plotting`) and ``data``
#: (scikit-learn, for :func:`bp.data.digits`).
EXTRAS = ("data", "plot")


def install_command(extra):
    """The pip command that adds an extra (``"plot"`` or ``"data"``) to an installed bp.

    Where bp is installed, pip takes the extra's dependencies from the index and keeps bp.

    Raises
    ------
    ValueError
        If ``extra`` is not one of :data:`EXTRAS`; the message names the parameter.

    Examples
    --------
    >>> install_command("data")
    'pip install "backprop-computed[data]"'
    """
    if extra not in EXTRAS:
        raise ValueError(f"extra must be one of {EXTRAS}; got {extra!r}")
    return f'pip install "{DISTRIBUTION}[{extra}]"'
