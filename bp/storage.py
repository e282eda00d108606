"""A network in a file: the format of :meth:`bp.network.Network.save` and ``load``.

The file is an uncompressed numpy ``.npz`` archive of plain arrays and nothing else:

- ``format``: the tag ``"bp.Network 1"``;
- ``sizes``: the widths of the layers, input first (integers);
- ``activation``, ``loss``: their names, as :func:`bp.activations.get` and
  :func:`bp.losses.get` take them;
- ``W1`` ... ``WL`` and ``b1`` ... ``bL``: :math:`W^{(l)}` and :math:`b^{(l)}`, in the
  network's floating dtype.

It is read with ``allow_pickle=False``, so reading a file from someone else runs no code, and
everything in it is checked: what does not fit is a ValueError that says why.

>>> import os, tempfile
>>> import numpy as np
>>> path = os.path.join(tempfile.mkdtemp(), "net.npz")
>>> from bp.activations import ACTIVATIONS
>>> from bp.losses import LOSSES
>>> W, b = [np.array([[2.0]])], [np.array([0.5])]
>>> write(path, ACTIVATIONS["identity"], LOSSES["squared_error"], W, b)
>>> read(path)
([array([[2.]])], [array([0.5])], 'identity', 'squared_error')
"""

from __future__ import annotations

import itertools
import os
import tempfile
import zipfile

import numpy as np

from bp import _checks
from bp.activations import ACTIVATIONS
from bp.losses import LOSSES

__all__ = ["FORMAT", "read", "write"]

#: The tag of a file written by :func:`write`.
FORMAT = "bp.Network 1"


def write(path, activation, loss, weights, biases):
    """Write a network's arrays and the names of its activation and loss to ``path``, whole or
    not at all.

    Parameters
    ----------
    path : str or os.PathLike
        The file, used as given (no ``.npz`` is appended); an existing file is replaced.
    activation : Activation
        One of :data:`bp.activations.ACTIVATIONS` (a file holds its name, not its code).
    loss : Loss
        One of :data:`bp.losses.LOSSES`.
    weights, biases : sequence of numpy.ndarray
        :math:`W^{(l)}` and :math:`b^{(l)}`, ``l`` from 1, one floating dtype.

    Raises
    ------
    TypeError
        If ``path`` is not a path.
    ValueError
        If the activation or the loss is not one of bp's own.

    Examples
    --------
    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "net")
    >>> write(path, ACTIVATIONS["relu"], LOSSES["squared_error"], [np.ones((1, 2))], [np.zeros(1)])
    >>> read(path)[2:]
    ('relu', 'squared_error')
    """
    path = _path(path)
    for what, record, registry in (("activation", activation, ACTIVATIONS), ("loss", loss, LOSSES)):
        if registry.get(record.name) != record:  # equal fields: a copy's or an unpickled record
            raise _checks.fail(ValueError, what, "be one of bp's own to be saved", record)
    sizes = [weights[0].shape[1]] + [W.shape[0] for W in weights]
    arrays = {
        "format": np.array(FORMAT),
        "sizes": np.array(sizes, dtype=np.int64),
        "activation": np.array(activation.name),
        "loss": np.array(loss.name),
    }
    for l, (W, b) in enumerate(zip(weights, biases, strict=True), start=1):
        arrays[f"W{l}"], arrays[f"b{l}"] = W, b
    fd, part = tempfile.mkstemp(prefix=".bp-", dir=os.path.dirname(os.path.abspath(path)))
    try:
        with os.fdopen(fd, "wb") as file:  # a file, not a name: np.savez would add ".npz"
            np.savez(file, **arrays)
        os.replace(part, path)
    except BaseException:
        os.unlink(part)
        raise


def read(path):
    """The weights, biases, activation name and loss name in the file ``path``.

    Returns
    -------
    weights, biases : list of numpy.ndarray
        In the dtype they were written in, one floating dtype for all.
    activation, loss : str

    Raises
    ------
    FileNotFoundError
        If there is no such file.
    ValueError
        If the file is not one :func:`write` wrote: another format, a truncated or damaged
        archive, or contents that do not fit together (tag, names, sizes, shapes, dtypes).

    Examples
    --------
    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "not-a-network.npy")
    >>> np.save(path, np.zeros(3))
    >>> read(path)
    Traceback (most recent call last):
    ...
    ValueError: path must be a file written by Network.save; got '...': a single array, not an .npz archive
    """
    path = _path(path)
    try:
        with open(path, "rb") as file:
            data = np.load(file, allow_pickle=False)
            if not isinstance(data, np.lib.npyio.NpzFile):
                raise ValueError("a single array, not an .npz archive")  # noqa: TRY004 (bad file)
            with data:
                contents = {key: data[key] for key in data.files}
        return _unpacked(contents)
    except (ValueError, EOFError, OSError, zipfile.BadZipFile) as err:
        if isinstance(err, OSError) and err.filename is not None:
            raise  # no such file, a folder, no permission: as the system said
        raise bad_file(path, err) from None


def bad_file(path, reason):
    """The ValueError for a file at ``path`` that is not a saved network, saying why."""
    return _checks.fail(
        ValueError, "path", "be a file written by Network.save", f"{path!r}: {reason}"
    )


def _path(value):
    """A file path (str or os.PathLike), else a TypeError naming ``path``."""
    try:
        return os.fspath(value)
    except TypeError:
        raise _checks.fail(
            TypeError, "path", "be a file path (str or os.PathLike)", type(value).__name__
        ) from None


def _unpacked(contents):
    """The weights, biases, activation and loss of a file's arrays, checked to fit together."""
    tag = contents.get("format")
    if tag is None or tag.shape != () or tag.dtype.kind != "U" or str(tag) != FORMAT:
        raise ValueError(f"no format tag {FORMAT!r}")
    sizes = contents.get("sizes")
    if sizes is None or sizes.ndim != 1 or sizes.dtype.kind not in "iu" or len(sizes) < 2:
        raise ValueError("no sizes (one integer a layer, at least two)")
    L = len(sizes) - 1
    layers = [f"{p}{l}" for p in "Wb" for l in range(1, L + 1)]
    expected = {"format", "sizes", "activation", "loss", *layers}
    if set(contents) != expected:
        raise ValueError(f"arrays {sorted(contents)}; a {L}-layer network has {sorted(expected)}")
    names = []
    for key in ("activation", "loss"):
        if contents[key].shape != () or contents[key].dtype.kind != "U":
            raise ValueError(f"{key} is not a name")
        names.append(str(contents[key]))
    params = [contents[key] for key in layers]
    dtypes = sorted({str(p.dtype) for p in params})
    if len(dtypes) != 1 or params[0].dtype.kind != "f":
        raise ValueError(f"parameters of dtypes {dtypes}, not one floating dtype")
    shapes = [p.shape for p in params]
    if shapes != [(n, k) for k, n in itertools.pairwise(sizes.tolist())] + [
        (n,) for n in sizes.tolist()[1:]
    ]:
        raise ValueError(f"parameters of shapes {shapes} for sizes {sizes.tolist()}")
    return params[:L], params[L:], *names
