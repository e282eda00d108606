"""Tests of :mod:`bp.storage` and ``Network.save``/``Network.load``: an exact round trip in every
floating dtype, a file that runs no code, and a clear error for a file that is not a saved
network (truncated, tampered with, or of another kind)."""

from __future__ import annotations

import io
import os
import pickle
import zipfile

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import ACTIVATIONS, LOSSES, SEEDS, assert_unchanged, sizes_for, snapshot

from bp import storage
from bp.activations import Activation
from bp.network import Network

DTYPES = [np.float16, np.float32, np.float64, np.longdouble]
BAD_FILE = r"^path must be a file written by Network\.save; got "


@pytest.fixture
def path(tmp_path):
    return tmp_path / "net.npz"


def saved(path, net=None):
    net = net or Network([2, 3, 2], seed=5)
    net.save(path)
    return net


def rewritten(path, change):
    """The arrays of the file at ``path``, changed by ``change(arrays)``, written back."""
    with np.load(path, allow_pickle=False) as data:
        arrays = {key: data[key] for key in data.files}
    change(arrays)
    with open(path, "wb") as file:
        np.savez(file, **arrays)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    dtype=st.sampled_from(DTYPES),
    activation=ACTIVATIONS,
    data=st.data(),
    seed=SEEDS,
)
def test_a_saved_network_loads_back_bit_for_bit(tmp_path, dtype, activation, data, seed):
    loss = data.draw(LOSSES)
    sizes = data.draw(sizes_for(loss))
    net = Network(sizes, activation=activation, loss=loss, seed=seed, dtype=dtype)
    path = tmp_path / f"{seed}.npz"
    net.save(path)
    back = Network.load(path)
    assert repr(back) == repr(net)
    assert back.dtype == net.dtype
    assert_unchanged(back, snapshot(net))


def test_the_path_is_used_as_given(tmp_path):
    # np.savez would have written "net.npz"
    path = tmp_path / "net"
    saved(path)
    assert os.listdir(tmp_path) == ["net"]
    assert Network.load(str(path)).sizes == [2, 3, 2]


def test_the_file_holds_no_pickled_object(path):
    saved(path)
    with np.load(path, allow_pickle=False) as data:
        assert all(data[key].dtype.kind in "fiU" for key in data.files)
        assert str(data["format"]) == storage.FORMAT


def test_a_network_with_its_own_activation_is_not_saved_and_no_file_is_written(path):
    square = Activation("square", np.square, lambda z, a=None: 2 * z)
    net = Network([2, 1], activation=square)
    with pytest.raises(ValueError, match=r"^activation must be one of bp's own to be saved"):
        net.save(path)
    assert not path.exists()


def test_a_failed_save_leaves_the_old_file_as_it_was(path):
    saved(path)
    before = path.read_bytes()
    with pytest.raises(TypeError, match=r"^path must be a file path"):
        Network([2, 1]).save(3)
    square = Activation("square", np.square, lambda z, a=None: 2 * z)
    with pytest.raises(ValueError, match=r"^activation must be one of bp's own"):
        Network([2, 1], activation=square).save(path)
    assert path.read_bytes() == before
    assert os.listdir(path.parent) == ["net.npz"]


def test_a_missing_file_is_a_file_not_found_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        Network.load(tmp_path / "nothing.npz")


@pytest.mark.parametrize("size", [0, 10, 100, 400, -30])
def test_a_truncated_file_is_refused(path, size):
    saved(path)
    data = path.read_bytes()
    path.write_bytes(data[:size])
    with pytest.raises(ValueError, match=BAD_FILE):
        Network.load(path)


def test_a_file_with_a_damaged_byte_is_refused(path):
    saved(path)
    data = bytearray(path.read_bytes())
    data[len(data) // 3] ^= 0xFF  # inside the first arrays: the zip's checksum catches it
    path.write_bytes(bytes(data))
    with pytest.raises(ValueError, match=BAD_FILE):
        Network.load(path)


TAMPERINGS = {
    "no format tag": lambda a: a.pop("format"),
    "another format": lambda a: a.update(format=np.array("bp.Network 2")),
    "sizes that do not fit": lambda a: a.update(sizes=np.array([2, 4, 2])),
    "sizes as floats": lambda a: a.update(sizes=np.array([2.0, 3.0, 2.0])),
    "a missing layer": lambda a: a.pop("W2"),
    "an extra array": lambda a: a.update(extra=np.zeros(1)),
    "an unknown activation": lambda a: a.update(activation=np.array("swish")),
    "an activation as a number": lambda a: a.update(activation=np.array(3)),
    "integer weights": lambda a: a.update(W1=a["W1"].astype(np.int64)),
    "boolean biases": lambda a: a.update(b1=a["b1"] > 0),
    "two dtypes": lambda a: a.update(W1=a["W1"].astype(np.float32)),
    "a NaN weight": lambda a: a["W2"].__setitem__((0, 0), np.nan),
    "biases of another shape": lambda a: a.update(b1=np.zeros(4)),
    "weights transposed": lambda a: a.update(W1=a["W1"].T.copy()),
}


@pytest.mark.parametrize("change", TAMPERINGS.values(), ids=TAMPERINGS.keys())
def test_a_tampered_file_is_refused(path, change):
    saved(path)
    rewritten(path, change)
    with pytest.raises(ValueError, match=BAD_FILE):
        Network.load(path)


def test_a_cross_entropy_file_with_one_output_is_refused(path):
    saved(path, Network([2, 2], loss="cross_entropy"))

    def one_output(a):
        a.update(sizes=np.array([2, 1]), W1=a["W1"][:1], b1=a["b1"][:1])

    rewritten(path, one_output)
    with pytest.raises(ValueError, match=BAD_FILE + r".*at least 2 outputs"):
        Network.load(path)


class _RunsCode:
    def __reduce__(self):
        return (os.system, ("touch ran",))


def test_a_pickle_is_refused_without_running_it(path, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path.write_bytes(pickle.dumps(_RunsCode()))
    with pytest.raises(ValueError, match=BAD_FILE):
        Network.load(path)
    assert not (tmp_path / "ran").exists()


def test_an_npz_holding_a_pickled_object_is_refused_without_running_it(path, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    saved(path)
    rewritten(path, lambda a: a.update(W1=np.array([_RunsCode()], dtype=object)))
    with pytest.raises(ValueError, match=BAD_FILE):
        Network.load(path)
    assert not (tmp_path / "ran").exists()


def _npy(path):
    with open(path, "wb") as file:
        np.save(file, np.zeros(3))


def _npz(path):
    with open(path, "wb") as file:
        np.savez(file, x=np.zeros(2))


def _zip(path):
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("a.txt", "hello")


FOREIGN = {
    "an .npy": _npy,
    "text": lambda p: p.write_text("W1 = 0.15\n"),
    "an empty file": lambda p: p.write_bytes(b""),
    "another zip": _zip,
    "another npz": _npz,
}


@pytest.mark.parametrize("content", FOREIGN.values(), ids=FOREIGN.keys())
def test_a_foreign_file_is_refused(path, content):
    content(path)
    with pytest.raises(ValueError, match=BAD_FILE):
        Network.load(path)


def test_write_and_read_take_file_paths_only():
    with pytest.raises(TypeError, match=r"^path must be a file path"):
        storage.read(io.BytesIO())


def test_a_copied_or_unpickled_network_is_saved_too(path):
    # Their activation and loss records are equal to bp's own, not the same objects.
    net = Network([2, 2], activation="tanh", loss="cross_entropy", seed=2)
    for twin in (net.copy(), pickle.loads(pickle.dumps(net))):
        twin.save(path)
        assert_unchanged(Network.load(path), snapshot(net))
