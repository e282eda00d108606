"""How long does the book take to build: cold, and again with nothing changed?

Run it as ``python benchmarks/build.py [--sequential]`` (``nox -s bench`` runs it after the
package's benchmark). It builds the book the way ``nox -s docs`` does (``sphinx-build -n -W``,
every page executed), but into a fresh temporary folder, with the notebook cache there too
(``BP_NB_CACHE_ROOT``), so nothing of ``docs/_build`` is used or touched:

``cold``
    The first build: every page executed, every page read and written.
``no change``
    The same build again: nothing to execute, nothing to read.
``notebooks``
    The sum of the pages' execution times, as the notebook cache records them: the time one core
    would spend executing them one after another. Below ``cold``'s wall time minus the rest of
    the build, the pages ran side by side.

Each row gives the wall time (a clock around the whole ``sphinx-build`` process) and the CPU time
of the build and every process it waited for (pages' kernels included). The load average before
each build says how busy the machine was: above the number of cores, the wall times are noisy
and long. ``--sequential`` builds as MyST-NB alone would, one page after another
(``bp_parallel_processes=1``), for comparison.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DOCS = Path(__file__).resolve().parents[1] / "docs"


def build(out, cache, extra=()):
    """Wall and CPU seconds of one strict build of the book into ``out``."""
    args = [sys.executable, "-m", "sphinx", "-n", "-W", "--keep-going", "-q", "-b", "html"]
    args += ["-d", str(out / "doctrees"), *extra, str(DOCS), str(out / "html")]
    env = {**os.environ, "BP_NB_CACHE_ROOT": str(cache)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        sys.exit(f"the build failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def notebook_seconds(cache):
    """The execution seconds of every page the notebook cache holds, summed."""
    total = 0.0
    for db in cache.glob("*/global.db"):
        with sqlite3.connect(db) as connection:
            for (data,) in connection.execute("SELECT data FROM nbcache"):
                total += json.loads(data).get("execution_seconds") or 0.0
    return total


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sequential",
        action="store_true",
        help="execute the pages one after another, as MyST-NB alone does",
    )
    args = parser.parse_args(argv)
    extra = ("-D", "bp_parallel_processes=1") if args.sequential else ()
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"the book's build, {cores} cores{', pages one after another' if extra else ''}")
    print(f"{'':<12} {'wall s':>8} {'cpu s':>8} {'load before':>12}")
    with tempfile.TemporaryDirectory(prefix="bp-build-bench-") as tmp:
        out, cache = Path(tmp) / "build", Path(tmp) / "cache"
        for name in ("cold", "no change"):
            load = os.getloadavg()[0]
            wall, cpu = build(out, cache, extra)
            print(f"{name:<12} {wall:>8.1f} {cpu:>8.1f} {load:>12.2f}", flush=True)
        print(f"{'notebooks':<12} {notebook_seconds(cache):>8.1f}   (the pages' execution, summed)")


if __name__ == "__main__":
    main()
