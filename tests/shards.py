"""Run a suite of tests in one pytest process a core, each taking a share of the tests.

``python tests/shards.py SUITE [pytest arguments]`` collects the tests that the arguments select
once, deals them out to one pytest process a core, runs the processes side by side, prints each
one's report as it ends, and fails if any of them fails. ``nox -s tests`` runs the unit suite
this way (SUITE ``tests``), ``nox -s site`` the browser tests (``tests/site``). Either, in one
process, runs one test after another, so one core works while the others wait: the unit suite
most of its time in the book-build tests (89 of 115 s measured), each a Sphinx build and kernels
it waits for, the browser tests in Chromium and in the pages' own code.

``BP_SHARDS=1`` runs every suite in one process, as plain pytest does; ``BP_TESTS_SHARDS`` or
``BP_SITE_SHARDS`` (the older name, kept) sets the number for one suite.

The tests that share a fixture of class, module or package scope go to one process together,
so that it is set up once (test_book_build.py's ``good_book``: a build of 9 s); so do the tests
of one view of a page of the site (tests/site/conftest.py writes them to ``$BP_SITE_GROUPS``), so
that the page is loaded once. The shares are balanced by what each test cost the last time it ran
here (docs/_build/<suite>-seconds.json, written at the end of each run; in a fresh clone, the copy
kept as <suite>/<suite>-seconds.json), a test never timed costing as much as the typical one;
the biggest groups are dealt first, each to the process with the least work so far.

Every process collects the same tests, with the same arguments, and runs its own share
(``$BP_SHARD``: this module, loaded as a pytest plugin, deselects the rest), so any option (``-k``,
``-x``, ``--deselect``, ``-p``) means what it means to pytest. Nothing else is shared between
processes (each makes its own temporary folders, and the site's its own server and browser), so
a test passes or fails the same whichever process runs it.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
# This module is also the plugin that records costs and keeps a share (the pytest_ hooks below).
# No cache: processes writing .pytest_cache side by side would lose each other's last failures
# (so there is no --lf here; plain pytest has it).
PYTEST = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-p", Path(__file__).stem]
# What main() tells the processes it starts (the plugin's hooks below, tests/site/conftest.py).
OURS = ("BP_SHARD", "BP_SHARD_SECONDS", "BP_SHARD_COLLECTED", "BP_SITE_GROUPS")
# Where each suite's costs of its last run are written: a build folder, never committed.
BUILD = HERE.parent / "docs" / "_build"


def seconds_files(suite):
    """Where ``suite``'s costs are: this build's file, and the copy kept with the suite for a
    fresh clone or CI (copied from the first after a full run; the costs only weigh the shares,
    so an old copy is harmless)."""
    return BUILD / f"{suite.name}-seconds.json", suite / f"{suite.name}-seconds.json"


def last_seconds(suite):
    """What each test of ``suite`` cost when it last ran (seconds, setup to teardown), by node id."""
    for path in seconds_files(suite):
        if path.exists():
            return json.loads(path.read_text(encoding="utf-8"))
    return {}


def shards(suite):
    """How many processes: ``$BP_<SUITE>_SHARDS``, else ``$BP_SHARDS``, else one a core this
    process may use."""
    for name in (f"BP_{suite.name.upper()}_SHARDS", "BP_SHARDS"):
        if os.environ.get(name):
            return max(1, int(os.environ[name]))
    return cores()


def cores():
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


# numpy's BLAS starts a thread a core in each process that uses it; with n processes side by
# side, the n x cores threads wait on each other. Each process gets its share of the cores
# instead (a value already set is kept), as the book's kernels do (docs/_ext/bp_parallel.py).
# The Training page's visible cells, with the other core busy: 21.3 and 38.8 s with a thread a
# core, 15.2 and 14.8 s with one thread (2 cores, measured 2026-12-07).
THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def blas_threads(env, n):
    """``env`` with each BLAS thread count not already set there set to the share of the cores of
    one of ``n`` processes.

    >>> blas_threads({"OMP_NUM_THREADS": "3"}, cores())["OMP_NUM_THREADS"]
    '3'
    >>> blas_threads({}, cores())["OPENBLAS_NUM_THREADS"]
    '1'
    """
    share = str(max(1, cores() // n))
    return {**{name: share for name in THREAD_VARIABLES}, **env}


def deal(ids, keys, seconds, n):
    """``n`` shares of ``ids``: the tests that share a key (``keys``: node id to its keys) whole,
    the costliest group first, to the share with the least work so far; each share in the order
    of ``ids``. Returns the shares and the work (seconds) of each.

    >>> deal(["a", "b", "c", "d"], {"b": ["x"], "d": ["x"]}, {"a": 3, "b": 1, "c": 1, "d": 1}, 2)
    ([['a'], ['b', 'c', 'd']], [3, 3])
    """
    typical = statistics.median(seconds.values()) if seconds else 1.0
    # The groups: the tests joined by any key they share, transitively.
    joined = {node: node for node in ids}

    def head(node):
        while joined[node] != node:
            node = joined[node]
        return node

    first = {}
    for node in ids:
        for key in keys.get(node, ()):
            joined[head(node)] = head(first.setdefault(key, node))
    groups = {}
    for node in ids:
        groups.setdefault(head(node), []).append(node)
    costs = {g: sum(seconds.get(node, typical) for node in groups[g]) for g in groups}
    work = [0] * n
    share = {}
    for g in sorted(groups, key=lambda g: -costs[g]):
        i = work.index(min(work))
        work[i] += costs[g]
        share.update(dict.fromkeys(groups[g], i))
    return [[node for node in ids if share[node] == i] for i in range(n)], work


def collect(args, tmp, env):
    """The node ids of the tests that ``args`` select, in the order they run, and each one's
    keys (the fixtures it shares; the view of the site it reads)."""
    collected, views = tmp / "collected.json", tmp / "views.json"
    env = {**env, "BP_SHARD_COLLECTED": str(collected), "BP_SITE_GROUPS": str(views)}
    result = subprocess.run(
        [*PYTEST, "--collect-only", "-q", *args],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    if result.returncode not in (0, 5):  # 5: nothing collected
        sys.exit(result.stdout + result.stderr)
    if not collected.exists():  # nothing collected
        return [], {}
    ids, keys = json.loads(collected.read_text(encoding="utf-8"))
    if views.exists():
        for node, view in json.loads(views.read_text(encoding="utf-8")).items():
            keys.setdefault(node, []).append(view)
    return ids, keys


def main(suite, args):
    """Run the tests of ``suite`` (its folder, whose name names its costs' files) that pytest's
    ``args`` select, dealt out to ``shards(suite)`` processes; 0 if every process passed."""
    n = shards(suite)
    seconds = last_seconds(suite)
    with tempfile.TemporaryDirectory(prefix="bp-shards-") as tmp:
        tmp = Path(tmp)
        # This folder on the path of each process: PYTEST's -p imports this module from it. None
        # of the variables of a deal this one runs in, if any (a test of this module, say).
        path = [str(HERE), *filter(None, [os.environ.get("PYTHONPATH")])]
        env = {k: v for k, v in os.environ.items() if k not in OURS}
        env["PYTHONPATH"] = os.pathsep.join(path)
        ids, keys = collect(args, tmp, env) if n > 1 else ([], {})
        if len(ids) < 2 * n:  # one process, as plain pytest, its report as it comes
            env["BP_SHARD_SECONDS"] = str(tmp / "seconds0.json")
            failed = subprocess.run([*PYTEST, *args], check=False, env=env).returncode
            n = 1
        else:
            shares, work = deal(ids, keys, seconds, n)
            env = blas_threads(env, n)
            running = []
            for i in range(n):
                share = tmp / f"shard{i}.txt"
                share.write_text("\n".join(shares[i]) + "\n", encoding="utf-8")
                log = (tmp / f"shard{i}.log").open("w+", encoding="utf-8")
                mine = {"BP_SHARD": str(share), "BP_SHARD_SECONDS": str(tmp / f"seconds{i}.json")}
                process = subprocess.Popen(
                    [*PYTEST, *args], stdout=log, stderr=log, env={**env, **mine}
                )
                running.append((i, log, process))
            print(f"{len(ids)} tests in {n} processes", flush=True)
            failed = 0
            for i, log, process in running:
                code = process.wait()
                log.seek(0)
                last = f" (~{work[i]:.0f} s last time)" if seconds else ""
                print(f"--- process {i + 1} of {n}: {len(shares[i])} tests{last}, exit code {code}")
                print(log.read(), flush=True)
                log.close()
                failed = failed or code
        for i in range(n):
            timed = tmp / f"seconds{i}.json"
            if timed.exists():
                seconds.update(json.loads(timed.read_text(encoding="utf-8")))
        BUILD.mkdir(parents=True, exist_ok=True)
        text = json.dumps(seconds, indent=0, sort_keys=True)
        seconds_files(suite)[0].write_text(text, encoding="utf-8")
    return failed


# The plugin, loaded in each pytest process of main() (PYTEST's -p): each hook does nothing
# unless main() set its variable.

# The scopes of the fixtures that tests share, and the node of a test that holds each one.
SHARED = {"class": pytest.Class, "module": pytest.Module, "package": pytest.Package}


def shared_fixtures(item):
    """The fixtures that ``item`` asks for and shares with other tests (class, module or package
    scope), each named with the class, module or package that holds it (one set-up of it).

    Not the autouse ones: those are set up for every test anyway, and do little (test_explorer.py's
    ``report_largest`` prints a line at the end); they would tie a whole module (there 183 tests,
    445 s) to one process."""
    info = getattr(item, "_fixtureinfo", None)  # pytest's own; doctests have one too
    keys = []
    for name, defs in info.name2fixturedefs.items() if info else ():
        fixture = defs[-1]  # the one this test gets
        if fixture.scope in SHARED and not getattr(fixture, "_autouse", False):
            holder = item.getparent(SHARED[fixture.scope])
            keys.append(f"{holder.nodeid if holder else ''}::{name}")
    return keys


@pytest.hookimpl(trylast=True)  # after -k, -m and the conftests' own ordering
def pytest_collection_modifyitems(config, items):
    """In a process of the deal: the tests of its share (``$BP_SHARD``), the others deselected."""
    if not os.environ.get("BP_SHARD"):
        return
    mine = Path(os.environ["BP_SHARD"]).read_text(encoding="utf-8").split("\n")
    missing = set(filter(None, mine)) - {item.nodeid for item in items}
    if missing:  # never a test of the share left out unseen
        raise pytest.UsageError(f"tests/shards.py: not collected here: {sorted(missing)}")
    mine = set(mine)
    config.hook.pytest_deselected(items=[item for item in items if item.nodeid not in mine])
    items[:] = [item for item in items if item.nodeid in mine]


def pytest_collection_finish(session):
    """In main()'s collection (``$BP_SHARD_COLLECTED``): the tests, in order, and what each one
    shares with others."""
    if os.environ.get("BP_SHARD_COLLECTED"):
        ids = [item.nodeid for item in session.items]
        keys = {item.nodeid: shared_fixtures(item) for item in session.items}
        text = json.dumps([ids, {node: k for node, k in keys.items() if k}])
        Path(os.environ["BP_SHARD_COLLECTED"]).write_text(text, encoding="utf-8")


SECONDS: dict[str, float] = {}


def pytest_runtest_logreport(report):
    """Each test's time, setup to teardown, for main() to deal the next run's shares by."""
    SECONDS[report.nodeid] = SECONDS.get(report.nodeid, 0.0) + report.duration


def pytest_sessionfinish(session):
    if os.environ.get("BP_SHARD_SECONDS") and SECONDS:
        Path(os.environ["BP_SHARD_SECONDS"]).write_text(json.dumps(SECONDS), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), sys.argv[2:]))
