"""How fast are bp's forward pass and backpropagation, against this machine's own numpy matmul?

Run it as ``python benchmarks/bench.py [--repeat N] [--quick]`` (or ``nox -s bench``, and
``nox -s bench -- --torch`` to install PyTorch first). It needs nothing but bp and numpy; PyTorch
is used when it can be imported.

How it measures
---------------
Every measurement is timed like :mod:`timeit`: a loop of calls is lengthened until it runs long
enough to time (autorange: 0.2 s, or 0.02 s with ``--quick``), that loop is run ``--repeat``
times (default 5, at most 3 with ``--quick``), and the best time per call is kept, the least
disturbed run rather than an average of the noise. The repeats are taken in rounds: each round
times every measurement once, matmul yardstick included, so a burst of other work on the machine
spoils one round of everything instead of every repeat of one row, and the yardstick is measured
under the same conditions as the networks.

How to read the output
----------------------
The header names the BLAS that numpy calls and its threads, the BLAS environment variables that
are set, and the load average: above about 0.5 other work is running, and the numbers are noisy
and low (a BLAS thread that waits for a core holds up the whole product).

Above the table stands the yardstick: the throughput of one ``(256, 1024) @ (1024, 1024)`` numpy
matmul in each dtype, the rate at which this machine, in this run, multiplies matrices. Its
median beside its best shows how steady the machine was; a warning says when they differ by over
25 %, and then the run is better repeated.

Then one row per network, batch and dtype (every network is ``Network(sizes, seed=0,
dtype=...)``: sigmoid layers and the squared-error loss), with these columns:

``forward``, ``gradients``
    Time of one call of ``Network.forward(X)`` and of ``Network.gradients(X, Y)``.
``grad/fwd``
    ``gradients`` divided by ``forward``. Backpropagation does about three matrix products per
    layer where the forward pass does one (two, less one for the first layer, which needs no
    gradient with respect to the input), so a ratio near 3 on the large nets means the backward
    pass runs as efficiently as the forward pass; above 3, it is slower per flop.
``GFLOP/s``
    Floating-point operations of the matrix products in ``gradients`` per second. Only the
    products are counted: ``2·batch·n_in·n_out`` per layer forward, twice that backward, less one
    such product for the first layer. Element-wise work (activations, biases) is not counted.
``%matmul``
    ``GFLOP/s`` as a percentage of the yardstick's best in the same dtype. On the large nets it
    tells how much of the machine bp uses; on the tiny nets Python's per-call overhead dominates
    and the percentage means little.
``numpy``, ``bp/numpy``
    Time of the same forward and backward pass written as bare numpy (:func:`bare_case`: the
    loop of a textbook, no checks, σ′ as a(1 − a) from the stored activations), measured in the
    same rounds; then bp's ``gradients`` time divided by it: what bp's input checks, result
    checks and bookkeeping cost on top of the math.
``torch``, ``bp/torch`` (only when ``import torch`` works)
    Time of the same step in PyTorch on the CPU, with the same weights and dtype: ``nn.Linear``
    layers with sigmoids, the loss ``sum(½(a - y)²) / batch``, ``loss.backward()``, on as many
    threads as numpy uses; then bp's ``gradients`` time divided by it (below 1: bp is faster).

Last come the targets, each with its numbers and whether it is met: on the two large nets,
``gradients`` at most 3× ``forward``, at least 80 % of the matmul throughput and at most 1.1×
bare numpy; on the two small nets, ``gradients`` within a few tens of microseconds (50 µs) and
at most 1.5× bare numpy.

Timings depend on the machine and on what else runs on it: compare rows of one run, not runs of
different machines. The BLAS kernel and thread count change them too: where
``OPENBLAS_CORETYPE`` is set, numpy runs that (possibly older) kernel, and the yardstick with it.
"""

from __future__ import annotations

import argparse
import itertools
import os
import platform
import statistics
import sys
import time

import numpy as np

from bp.network import Network

#: (sizes, batch) of every benchmarked network.
NETS = [
    ((2, 2, 2), 1),
    ((64, 32, 10), 32),
    ((784, 256, 10), 256),
    ((784, 1024, 1024, 10), 256),
]
DTYPES = [np.float32, np.float64]
TINY = NETS[:2]
LARGE = NETS[2:]
MATMUL_SHAPE = (256, 1024, 1024)  # (m, k, n): an (m, k) @ (k, n) product

MAX_RATIO = 3.0
MIN_PERCENT = 80.0
MAX_TINY_SECONDS = 50e-6
MAX_OVER_NUMPY_TINY = 1.5  # bp's gradients / the same pass in bare numpy, small nets
MAX_OVER_NUMPY_LARGE = 1.1  # ... and large nets
UNSTEADY = 1.25  # yardstick median / best above this: the machine's speed changed during the run

ENV_VARS = [
    "OPENBLAS_CORETYPE",
    "OPENBLAS_L2_SIZE",
    "OPENBLAS_NUM_THREADS",
    "OMP_NUM_THREADS",
    "MKL_NUM_THREADS",
]


# --- timing ------------------------------------------------------------------------------------
def autorange(fn, min_time):
    """The number of calls of ``fn`` (1, 2, 5, 10, 20, 50, ...) that take at least ``min_time``."""
    for decade in itertools.count():
        for step in (1, 2, 5):
            number = step * 10**decade
            start = time.perf_counter()
            for _ in range(number):
                fn()
            if time.perf_counter() - start >= min_time:
                return number
    raise AssertionError("unreachable")


def measure(cases, repeat, min_time, pause=0.2):
    """Seconds per call of every case, ``repeat`` samples each, taken in rounds.

    ``cases`` maps a key to ``(library, fn)``. Each ``fn`` is warmed up and autoranged first;
    then every round runs each loop once. Between cases of different libraries the round pauses
    ``pause`` seconds, so that the idle threads one library keeps spinning after a call (OpenBLAS's
    and OpenMP's) are asleep before the other library runs.
    """
    numbers = {}
    for key, (_, fn) in cases.items():
        fn()  # warm up: first-call allocations, lazy imports, thread start-up
        numbers[key] = autorange(fn, min_time)
    samples = {key: [] for key in cases}
    previous = None
    for r in range(repeat):
        print(f"  round {r + 1} of {repeat}", file=sys.stderr, flush=True)
        for key, (library, fn) in cases.items():
            if previous is not None and library != previous:
                time.sleep(pause)
            previous = library
            number = numbers[key]
            start = time.perf_counter()
            for _ in range(number):
                fn()
            samples[key].append((time.perf_counter() - start) / number)
    return samples


# --- what is measured --------------------------------------------------------------------------
def gradient_flops(sizes, batch):
    """Floating-point operations of the matrix products in one ``Network.gradients`` call.

    Per layer, forward ``z = a W^T`` is ``2·batch·n_in·n_out``; backward ``dW = δ^T a`` is as
    many, and so is ``δ W`` for every layer but the first (the input needs no gradient).
    """
    products = [2 * batch * n_in * n_out for n_in, n_out in itertools.pairwise(sizes)]
    return 3 * sum(products) - products[0]


def matmul_case(dtype):
    """One ``(m, k) @ (k, n)`` numpy product in ``dtype``, into a preallocated output."""
    m, k, n = MATMUL_SHAPE
    rng = np.random.default_rng(0)
    A = rng.standard_normal((m, k)).astype(dtype)
    B = rng.standard_normal((k, n)).astype(dtype)
    out = np.empty((m, n), dtype=dtype)
    return lambda: np.matmul(A, B, out=out)


def make_data(sizes, batch, dtype):
    rng = np.random.default_rng(1)
    X = rng.standard_normal((batch, sizes[0])).astype(dtype)
    Y = rng.uniform(size=(batch, sizes[-1])).astype(dtype)
    return X, Y


def bare_case(net, X, Y):
    """The same forward and backward pass as ``net.gradients(X, Y)``, in bare numpy.

    Sigmoid layers and the squared-error loss, as every benchmarked network has; no input
    checks, σ′ as a(1 − a) from the stored activations. It returns the same numbers as bp.
    """
    Ws, bs, n = net.weights, net.biases, len(X)

    def step():
        a = [X]
        for W, b in zip(Ws, bs, strict=True):
            a.append(1 / (1 + np.exp(-(a[-1] @ W.T + b))))
        delta = (a[-1] - Y) * (a[-1] * (1 - a[-1])) / n
        dW, db = [None] * len(Ws), [None] * len(Ws)
        for l in range(len(Ws) - 1, -1, -1):
            dW[l], db[l] = delta.T @ a[l], delta.sum(axis=0)
            if l:
                delta = (delta @ Ws[l]) * (a[l] * (1 - a[l]))
        return dW, db

    return step


def torch_case(torch, net, X, Y):
    """One forward-and-backward step of the same network in PyTorch autograd."""
    tdtype = {np.dtype(np.float32): torch.float32, np.dtype(np.float64): torch.float64}[net.dtype]
    layers = []
    for W, b in zip(net.weights, net.biases, strict=True):
        linear = torch.nn.Linear(W.shape[1], W.shape[0], dtype=tdtype)
        with torch.no_grad():
            linear.weight.copy_(torch.from_numpy(W))  # weights[l] is (n_out, n_in), as in torch
            linear.bias.copy_(torch.from_numpy(b))
        layers += [linear, torch.nn.Sigmoid()]
    model = torch.nn.Sequential(*layers)
    tX, tY = torch.from_numpy(X), torch.from_numpy(Y)
    batch = len(X)

    def step():
        model.zero_grad(set_to_none=True)
        loss = 0.5 * ((model(tX) - tY) ** 2).sum() / batch
        loss.backward()

    return step


def _check_bare(net, X, Y):
    """The bare-numpy pass must compute bp's numbers, or the comparison means nothing."""
    ours, theirs = net.gradients(X, Y), bare_case(net, X, Y)()
    tol = 1e-4 if net.dtype == np.float32 else 1e-10
    for a, b in zip(ours[0] + ours[1], theirs[0] + theirs[1], strict=True):
        np.testing.assert_allclose(a, b, rtol=tol, atol=tol * float(np.abs(b).max()))


# --- reporting ---------------------------------------------------------------------------------
def blas_info():
    """(description, threads) of the BLAS numpy uses, from threadpoolctl when installed."""
    fallback = _env_threads() or os.cpu_count() or 1
    try:
        import threadpoolctl
    except ImportError:
        return f"not known (threadpoolctl is not installed), {fallback} threads assumed", fallback
    pools = [p for p in threadpoolctl.threadpool_info() if p.get("user_api") == "blas"]
    if not pools:
        return f"not known (threadpoolctl found none), {fallback} threads assumed", fallback
    pool = pools[0]
    desc = (
        f"{pool.get('internal_api')} {pool.get('version')}, "
        f"kernel {pool.get('architecture', '?')}, {pool['num_threads']} threads"
    )
    return desc, int(pool["num_threads"])


def _env_threads():
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        value = os.environ.get(name, "")
        if value.isdigit() and int(value) > 0:
            return int(value)
    return None


def load_average():
    return f"{os.getloadavg()[0]:.2f}" if hasattr(os, "getloadavg") else "not known"


def fmt_time(seconds):
    if seconds < 1e-3:
        return f"{seconds * 1e6:.1f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds:.2f} s"


def fmt_gflops(gflops):
    return f"{gflops:.2f}" if gflops < 10 else f"{gflops:.1f}"


def print_table(headers, rows, right):
    widths = [max(len(str(c)) for c in col) for col in zip(headers, *rows, strict=True)]

    def line(cells):
        parts = [
            str(c).rjust(w) if r else str(c).ljust(w)
            for c, w, r in zip(cells, widths, right, strict=True)
        ]
        return "  ".join(parts).rstrip()

    print(line(headers))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print(line(row))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--repeat", type=int, default=5, help="timed runs of each loop; the best is kept (5)"
    )
    parser.add_argument(
        "--quick", action="store_true", help="0.02 s loops and at most 3 runs: rougher, faster"
    )
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    repeat = min(args.repeat, 3) if args.quick else args.repeat
    min_time = 0.02 if args.quick else 0.2

    try:
        import torch
    except ImportError:
        torch = None

    blas, threads = blas_info()
    print(f"bp benchmark: Python {platform.python_version()}, numpy {np.__version__}")
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs; BLAS: {blas}")
    env = [f"{name}={os.environ[name]}" for name in ENV_VARS if name in os.environ]
    print(f"environment: {' '.join(env) if env else 'no BLAS variables set'}")
    if torch is not None:
        torch.set_num_threads(threads)
        print(f"torch {torch.__version__}, {torch.get_num_threads()} threads (as numpy)")
    else:
        print("torch: not importable, its columns are left out")
    print(
        f"timing: best of {repeat} runs of a loop of at least {min_time * 1e3:.0f} ms, "
        "in rounds over all measurements"
    )
    print(f"load average (1 min) before the run: {load_average()}")

    cases, nets = {}, {}
    for dtype in DTYPES:
        cases["matmul", np.dtype(dtype).name] = ("numpy", matmul_case(dtype))
    for sizes, batch in NETS:
        for dtype in DTYPES:
            net = Network(list(sizes), seed=0, dtype=dtype)
            X, Y = make_data(sizes, batch, dtype)
            key = sizes, batch, net.dtype.name
            nets[key] = net, X, Y
            cases[(*key, "forward")] = ("numpy", lambda net=net, X=X: net.forward(X))
            cases[(*key, "gradients")] = ("numpy", lambda net=net, X=X, Y=Y: net.gradients(X, Y))
            cases[(*key, "bare")] = ("numpy", bare_case(net, X, Y))
            _check_bare(net, X, Y)
    if torch is not None:
        for key, (net, X, Y) in nets.items():
            cases[(*key, "torch")] = ("torch", torch_case(torch, net, X, Y))

    samples = measure(cases, repeat, min_time)
    best = {key: min(times) for key, times in samples.items()}
    print(f"load average (1 min) after the run: {load_average()}")
    print()

    m, k, n = MATMUL_SHAPE
    flops = 2 * m * k * n
    peak, unsteady = {}, False
    for dtype in DTYPES:
        name = np.dtype(dtype).name
        times = samples["matmul", name]
        peak[name] = flops / min(times) / 1e9
        median = flops / statistics.median(times) / 1e9
        unsteady |= peak[name] > UNSTEADY * median
        print(
            f"numpy matmul ({m},{k})@({k},{n}) {name}: {fmt_gflops(peak[name])} GFLOP/s "
            f"(median of the rounds {fmt_gflops(median)})"
        )
    if unsteady:
        print(
            "warning: the matmul throughput varied by over 25 % between rounds: the machine was "
            "busy, rerun"
        )
    print()

    headers = ["net", "batch", "dtype", "forward", "gradients", "grad/fwd", "GFLOP/s", "%matmul"]
    headers += ["numpy", "bp/numpy"]
    if torch is not None:
        headers += ["torch", "bp/torch"]
    right = [False, True, False, *[True] * 9]
    rows, results = [], {}
    for key in nets:
        sizes, batch, name = key
        fwd, grad = best[(*key, "forward")], best[(*key, "gradients")]
        bare = best[(*key, "bare")]
        gflops = gradient_flops(sizes, batch) / grad / 1e9
        percent = 100 * gflops / peak[name]
        results[key] = fwd, grad, percent, grad / bare
        row = [
            "-".join(map(str, sizes)),
            batch,
            name,
            fmt_time(fwd),
            fmt_time(grad),
            f"{grad / fwd:.2f}",
            fmt_gflops(gflops),
            f"{percent:.1f}",
            fmt_time(bare),
            f"{grad / bare:.2f}",
        ]
        if torch is not None:
            t = best[(*key, "torch")]
            row += [fmt_time(t), f"{grad / t:.2f}"]
        rows.append(row)
    print_table(headers, rows, right[: len(headers)])

    print()
    print("Targets")
    met = total = 0
    for (sizes, batch, name), (fwd, grad, percent, over_numpy) in results.items():
        label = f"{'-'.join(map(str, sizes))} batch {batch} {name}"
        checks = []
        if (sizes, batch) in LARGE:
            ratio = grad / fwd
            checks.append((ratio <= MAX_RATIO, f"gradients/forward {ratio:.2f} <= {MAX_RATIO:g}"))
            checks.append(
                (percent >= MIN_PERCENT, f"{percent:.1f} % of matmul >= {MIN_PERCENT:g} %")
            )
            limit = MAX_OVER_NUMPY_LARGE
        if (sizes, batch) in TINY:
            text = f"gradients {fmt_time(grad)} <= {fmt_time(MAX_TINY_SECONDS)}"
            checks.append((grad <= MAX_TINY_SECONDS, text))
            limit = MAX_OVER_NUMPY_TINY
        text = f"gradients / bare numpy {over_numpy:.2f} <= {limit:g}"
        checks.append((over_numpy <= limit, text))
        for ok, text in checks:
            total += 1
            met += ok
            print(f"  {'met    ' if ok else 'NOT met'}  {label}: {text}")
    print(f"{met} of {total} targets met")


if __name__ == "__main__":
    main()
