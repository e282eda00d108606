"""The pages that need executing, executed side by side before Sphinx reads them.

MyST-NB executes a page when Sphinx reads it, one page after another, so a build that executes
every page (after an edit to bp, or in a fresh clone) keeps one core busy and the others idle.
Here, just before Sphinx reads the pages it has to (``env-before-read-docs``), the ones whose
outputs the notebook cache does not hold yet are executed in a pool of processes, one kernel a
page, the largest pages first, and their outputs are put in the cache. MyST-NB then reads every
page from the cache, exactly as on a rebuild.

Each page is turned into a notebook by MyST-NB's own reader, with MyST-NB's kernel aliases and
execution settings, so the cache matches it as it would match the notebook MyST-NB makes itself.
A page that fails here is left out of the cache: MyST-NB executes it again when it reads it, and
fails the build naming the page and the cell, as it would without this.

The cores are shared out, not multiplied: each page's kernel gets its share of them for numpy's
BLAS threads (``OPENBLAS_NUM_THREADS`` and the like: one each with two pages on two cores). Left
alone, every kernel starts a thread a core, and their matrix products wait on one another:
measured on two cores, the Training page's digits runs took several times longer. A variable the
builder set stays as set.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from sphinx.util import logging

logger = logging.getLogger(__name__)


def _notebook(env, docname):
    """The page as the notebook MyST-NB executes, with its execution settings, or None."""
    from myst_nb.core.nb_to_tokens import nb_node_to_dict
    from myst_nb.core.read import create_nb_reader

    path = env.doc2path(docname)
    text = Path(path).read_text(encoding="utf-8")
    nb_config = env.mystnb_config
    reader = create_nb_reader(str(path), env.myst_config, nb_config, text)
    if reader is None:
        return None
    nb = reader.read(text)
    kernelspec = nb.metadata.get("kernelspec", {})
    for pattern, alias in nb_config.kernel_rgx_aliases.items():  # as MyST-NB's parser does
        if kernelspec.get("name") is not None and re.fullmatch(pattern, kernelspec["name"]):
            kernelspec["name"] = alias
            break
    if nb_config.metadata_key in nb.metadata:
        overrides = nb_node_to_dict(nb.metadata[nb_config.metadata_key])
        overrides.pop("output_folder", None)
        nb_config = nb_config.copy(**overrides)
    return Path(path), nb, reader.read_fmt, nb_config


#: The thread pools that the kernels' numerical libraries read their size from.
THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def _share_cores(threads):
    """Run in each worker before its first kernel starts: the kernels it starts inherit this."""
    for name in THREAD_VARIABLES:
        os.environ.setdefault(name, str(threads))


def _execute(nb, cwd, timeout, allow_errors):
    """Run in a worker process: the executed notebook and its seconds, or None on failure."""
    from jupyter_cache.executors.utils import single_nb_execution

    result = single_nb_execution(
        nb, cwd=cwd, timeout=timeout, allow_errors=allow_errors, meta_override=True
    )
    return (None if result.err else result.nb), result.time


def processes():
    """How many pages run at once: one a core this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _execute_pages(app, env, docnames):
    config = env.config
    if config.nb_execution_mode != "cache" or config.bp_parallel_processes == 1:
        return
    from jupyter_cache import get_cache
    from jupyter_cache.base import CacheBundleIn

    cache = get_cache(config.nb_execution_cache_path)
    pending = []
    for docname in sorted(docnames):
        page = _notebook(env, docname)
        if page is None or page[3].execution_in_temp or page[3].execution_excludepatterns:
            continue  # not a notebook, or executed in a way this does not copy
        if page[3].execution_mode != "cache":
            continue  # executed by MyST-NB each time it is read, never from the cache
        try:
            cache.match_cache_notebook(page[1])
        except KeyError:
            pending.append((docname, *page))
    if len(pending) < 2:
        return  # nothing to run side by side: MyST-NB executes the page as it reads it
    # The largest page first: on a fresh cache, the source's size is what is known of its cost.
    pending.sort(key=lambda page: page[1].stat().st_size, reverse=True)
    workers = min(len(pending), config.bp_parallel_processes or processes())
    logger.info(f"[bp_parallel] executing {len(pending)} pages, {workers} at a time")
    start = time.perf_counter()
    # fork: the workers inherit the kernel's environment (conf.py) and import nothing anew.
    context = multiprocessing.get_context("fork")
    threads = max(1, processes() // workers)  # each kernel's share of the cores
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_share_cores, initargs=(threads,)
    ) as pool:
        futures = {
            pool.submit(
                _execute,
                nb,
                str(path.parent),
                nb_config.execution_timeout,
                nb_config.execution_allow_errors,
            ): (docname, path, read_fmt)
            for docname, path, nb, read_fmt, nb_config in pending
        }
        for future in as_completed(futures):
            docname, path, read_fmt = futures[future]
            try:
                executed, seconds = future.result()
            except (RuntimeError, OSError) as err:  # a dead kernel or worker: MyST-NB says more
                executed, seconds = None, 0.0
                logger.info(f"[bp_parallel] {docname}: {type(err).__name__}: {err}")
            if executed is None:
                logger.info(f"[bp_parallel] {docname} failed; MyST-NB executes it again")
                continue
            record = cache.add_nb_to_project(str(path), read_data=read_fmt)
            cache.cache_notebook_bundle(
                CacheBundleIn(executed, record.uri, data={"execution_seconds": seconds}),
                check_validity=False,
                overwrite=True,
            )
            logger.info(f"[bp_parallel] {docname} executed in {seconds:.2f} s")
    logger.info(f"[bp_parallel] {len(pending)} pages in {time.perf_counter() - start:.2f} s")


def setup(app):
    # 0: one process a core; 1: none of this, MyST-NB executes each page as it reads it.
    app.add_config_value("bp_parallel_processes", 0, "", types=[int])
    app.connect("env-before-read-docs", _execute_pages)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
