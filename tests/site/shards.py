"""Run the browser tests in one pytest process a core, each taking a share of the tests.

The browser tests spend their time in Chromium (loading, typesetting, axe-core's audit) and in
the pages' own code (the pasted cells, the downloaded notebooks), one test after another, so one
core works while the others wait. ``python tests/site/shards.py [pytest arguments]`` collects the
tests once, deals them out to one pytest process a core, runs the processes side by side, prints
each one's report as it ends, and fails if any of them fails.
``BP_SITE_SHARDS=1`` runs them in this one process, as plain pytest does.

The tests that read one view of a page (conftest.py's ``view`` fixture) go to one process
together, so that the page is loaded once. The shares are balanced by what each test cost the
last time it ran here (docs/_build/site-seconds.json, written at the end of each run; in a fresh
clone, the copy in tests/site), a test never timed costing as much as the typical one; the biggest groups are dealt first, each to the
process with the least work so far.

Each process starts its own server and browser; nothing else is shared between tests, so a
test passes or fails the same whichever process runs it.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
PYTEST = [sys.executable, "-m", "pytest", str(HERE), "-p", "no:cacheprovider"]
# What each test cost in its last run (seconds, setup to teardown), by node id.
SECONDS = HERE.parents[1] / "docs" / "_build" / "site-seconds.json"
# Where this build has no such file yet (a fresh clone, CI): the costs of a full run kept with the
# tests (copied from SECONDS after one; they only weigh the shares, so an old copy is harmless).
KEPT_SECONDS = HERE / "site-seconds.json"


def last_seconds():
    """What each test cost when it last ran: this build's file, else the copy kept in tests/site."""
    for path in (SECONDS, KEPT_SECONDS):
        if path.exists():
            return json.loads(path.read_text(encoding="utf-8"))
    return {}


def shards():
    """How many processes: ``$BP_SITE_SHARDS``, else one a core this process may use."""
    if os.environ.get("BP_SITE_SHARDS"):
        return max(1, int(os.environ["BP_SITE_SHARDS"]))
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def collect(args, groups):
    """The node ids of the tests that ``args`` select, in the order conftest.py gives them, and
    each one's group (written by conftest.py to the file ``groups``)."""
    quiet = [a for a in args if not a.startswith(("-q", "-v", "--quiet", "--verbose"))]
    result = subprocess.run(
        [*PYTEST, "--collect-only", "-q", *quiet],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "BP_SITE_GROUPS": str(groups)},
    )
    if result.returncode not in (0, 5):  # 5: nothing collected
        sys.exit(result.stdout + result.stderr)
    ids = [line for line in result.stdout.splitlines() if "::" in line]
    group = json.loads(groups.read_text(encoding="utf-8")) if groups.exists() else {}
    return ids, group


def deal(ids, group, seconds, n):
    """``n`` shares of ``ids``: each group whole, the costliest first, to the share that has the
    least work so far; each share in the order of ``ids``."""
    typical = statistics.median(seconds.values()) if seconds else 1.0
    groups = {}
    for node in ids:
        groups.setdefault(group.get(node, node), []).append(node)
    work = [0.0] * n
    share = {}
    costs = {key: sum(seconds.get(node, typical) for node in g) for key, g in groups.items()}
    for key in sorted(groups, key=lambda k: -costs[k]):
        i = work.index(min(work))
        work[i] += costs[key]
        share.update(dict.fromkeys(groups[key], i))
    return [[node for node in ids if share[node] == i] for i in range(n)], work


def main(args):
    n = shards()
    if n == 1:
        return subprocess.run([*PYTEST, *args], check=False).returncode
    with tempfile.TemporaryDirectory(prefix="bp-site-shards-") as tmp:
        ids, group = collect(args, Path(tmp) / "groups.json")
        if len(ids) < 2 * n:
            return subprocess.run([*PYTEST, *args], check=False).returncode
        seconds = last_seconds()
        shares, work = deal(ids, group, seconds, n)
        # Every option stays (-x, -k, -p ...); the paths given become each process's share.
        options = [a for a in args if "::" not in a and not Path(a).exists()]
        running = []
        for i in range(n):
            share = Path(tmp) / f"shard{i}.txt"
            share.write_text("\n".join(shares[i]) + "\n", encoding="utf-8")
            log = (Path(tmp) / f"shard{i}.log").open("w+", encoding="utf-8")
            command = [*PYTEST[:3], "-p", "no:cacheprovider", *options, f"@{share}"]
            env = {**os.environ, "BP_SITE_SECONDS": str(Path(tmp) / f"seconds{i}.json")}
            running.append((i, log, subprocess.Popen(command, stdout=log, stderr=log, env=env)))
        print(f"{len(ids)} browser tests in {n} processes", flush=True)
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
            timed = Path(tmp) / f"seconds{i}.json"
            if timed.exists():
                seconds.update(json.loads(timed.read_text(encoding="utf-8")))
        if SECONDS.parent.exists():
            SECONDS.write_text(json.dumps(seconds, indent=0, sort_keys=True), encoding="utf-8")
    return failed


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
