"""Keep the cyclic garbage collector away from what lives for the whole build.

The catalog, and after reading the environment, live until the build ends, yet each full
collection scans all of them again. In the write phase the main process unpickles and resolves
every page, and those collections took about a tenth of a 1,000-card build. ``gc.freeze()``
moves every object that exists into a generation the collector skips; at the end of the build
``gc.unfreeze()`` hands them back, so a process that builds again (a test run, a server that
rebuilds in-process) frees them as usual. Nothing is kept frozen that the build did not
freeze: a host process that froze its own heap keeps full control of it.
"""

from __future__ import annotations

import gc

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .domain import LLMDomain


def _domain(app: Sphinx) -> LLMDomain:
    domain = app.env.domains["llm"]
    assert isinstance(domain, LLMDomain)
    return domain


def freeze_loaded_catalog(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """When the build starts reading (the catalog was loaded at builder-inited; loading pauses
    the collector and leaves next to no garbage behind, so nothing is collected first). Not
    at builder-inited itself: an application made but never built would stay frozen."""
    domain = _domain(app)
    if gc.get_freeze_count() and not domain.froze_heap:
        return  # the host froze its heap itself: leave it be
    domain.froze_heap = True
    gc.freeze()


def freeze_before_writing(app: Sphinx, env: BuildEnvironment) -> None:
    """After reading: free what reading left behind, then freeze the environment."""
    if _domain(app).froze_heap:
        gc.collect()
        gc.freeze()


def unfreeze(app: Sphinx, exception: BaseException | None) -> None:
    domain = _domain(app)
    if domain.froze_heap:
        domain.froze_heap = False
        gc.unfreeze()


def setup(app: Sphinx) -> None:
    # Late in each event: after every other handler has created what it keeps.
    app.connect("env-before-read-docs", freeze_loaded_catalog, priority=900)
    app.connect("env-updated", freeze_before_writing, priority=900)
    app.connect("build-finished", unfreeze, priority=900)
