"""Run the browser tests in one pytest process a core, each taking every n-th test.

The browser tests spend their time in Chromium (loading, typesetting, axe-core's audit) and in
the pages' own code (the pasted cells, the downloaded notebooks), one test after another, so one
core works while the others wait. ``python tests/site/shards.py [pytest arguments]`` collects the
tests once, deals them out in turn to one pytest process a core (the selection's order keeps
like with like, so each process gets a fair share of each kind), runs the processes side by
side, prints each one's report as it ends, and fails if any of them fails.
``BP_SITE_SHARDS=1`` runs them in this one process, as plain pytest does.

Each process starts its own server and browser; nothing else is shared between tests, so a
test passes or fails the same whichever process runs it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
PYTEST = [sys.executable, "-m", "pytest", str(HERE), "-p", "no:cacheprovider"]


def shards():
    """How many processes: ``$BP_SITE_SHARDS``, else one a core this process may use."""
    if os.environ.get("BP_SITE_SHARDS"):
        return max(1, int(os.environ["BP_SITE_SHARDS"]))
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def collect(args):
    """The node ids of the tests that ``args`` select, in pytest's order."""
    quiet = [a for a in args if not a.startswith(("-q", "-v", "--quiet", "--verbose"))]
    result = subprocess.run(
        [*PYTEST, "--collect-only", "-q", *quiet], capture_output=True, text=True, check=False
    )
    if result.returncode not in (0, 5):  # 5: nothing collected
        sys.exit(result.stdout + result.stderr)
    return [line for line in result.stdout.splitlines() if "::" in line]


def main(args):
    n = shards()
    ids = collect(args) if n > 1 else []
    if n == 1 or len(ids) < 2 * n:
        return subprocess.run([*PYTEST, *args], check=False).returncode
    # Every option stays (-x, -k, -p ...); the paths given become each process's share of ids.
    options = [a for a in args if "::" not in a and not Path(a).exists()]
    with tempfile.TemporaryDirectory(prefix="bp-site-shards-") as tmp:
        running = []
        for i in range(n):
            share = Path(tmp) / f"shard{i}.txt"
            share.write_text("\n".join(ids[i::n]) + "\n", encoding="utf-8")
            log = (Path(tmp) / f"shard{i}.log").open("w+", encoding="utf-8")
            command = [*PYTEST[:3], "-p", "no:cacheprovider", *options, f"@{share}"]
            running.append((i, log, subprocess.Popen(command, stdout=log, stderr=log)))
        print(f"{len(ids)} browser tests in {n} processes", flush=True)
        failed = 0
        for i, log, process in running:
            code = process.wait()
            log.seek(0)
            print(f"--- process {i + 1} of {n}: {len(ids[i::n])} tests, exit code {code}")
            print(log.read(), flush=True)
            log.close()
            failed = failed or code
    return failed


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
