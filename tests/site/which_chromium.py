"""Which Chromium the browser tests drive: the first of

1. ``$BP_CHROMIUM``, a path;
2. ``chromium-headless-shell`` on the ``PATH`` (Debian's package of that name): Chromium's
   engine with no windows, tabs or menus of its own, which is what Playwright runs for headless
   tests when it brings its own browser;
3. ``chromium`` on the ``PATH`` (Debian's ``chromium``): the whole browser, run headless;
4. none found: Playwright's own headless shell (``playwright install --only-shell chromium``).

Both Debian packages are one build of one Chromium (156.0.8078.129 here), so a page is laid
out, painted and audited by the same engine either way. The shell starts none of the browser's
own interface, whose processes took about 40 % of the processor time of the browser tests in
``chromium`` (sampled for a minute of ``nox -s site``: the browser process 23.5 %, the renderers
of its own interface 18.6 %, the pages' renderers 29.0 %). Measured on 2026-12-08, on one 2-core
machine:

- ``nox -s site``, all 745 tests, four runs in turn: the two processes took 681.0 s and 684.1 s
  with ``chromium``, then 438.9 s and 469.7 s with the shell, 452.8 s and 456.4 s with the shell
  (in a whole ``nox``, 9 min 16 s), 617.0 s and 598.8 s with ``chromium`` (the processor time of
  the last two: 971.5 s for the whole ``nox``, 1,150.6 s for the session alone);
- 25 tests of the explorer in one process, each opening its page in a new browser context:
  68.5 s of processor time with ``chromium``, 26.7 s with the shell;
- six pages loaded, audited, switched to dark and audited again: 40.9 s and 44.4 s of processor
  time with ``chromium``, 35.6 s and 32.6 s with the shell (two runs each, alternating).

``tests/site/conftest.py`` launches what :func:`chromium_path` finds, and ``noxfile.py``'s
``site`` session asks it whether a download is needed first. A module of its own, which imports
nothing from bp or Playwright, so that the noxfile can import it.
"""

from __future__ import annotations

import os
import shutil

SYSTEM = ("chromium-headless-shell", "chromium")


def chromium_path():
    """The path of the Chromium to drive, or None for Playwright's own."""
    return os.environ.get("BP_CHROMIUM") or next(filter(None, map(shutil.which, SYSTEM)), None)
