"""What the app starts ahead of the first file, while the editor chooses it: a reader process, and the
country names and patterns that reading places and measures needs."""

from __future__ import annotations

import logging
import threading

__all__ = ["warm_up"]

log = logging.getLogger(__name__)


def warm_up(*, wait: float = 0.0) -> None:
    """Start a reader process and load the vocabularies in the background; with ``wait``, wait up to
    that many seconds for both (a benchmark that times the open alone)."""
    from reviewer.io.guarded import warm_up as start_reader

    start_reader(wait=wait)
    loading = threading.Thread(target=_prepare, name="reviewer-prepare", daemon=True)
    loading.start()
    if wait:
        loading.join(wait)


def _prepare() -> None:
    try:
        from reviewer.core.canonical import prepare

        prepare()
    except Exception:  # the first workbook loads them itself, and says what is wrong
        log.exception("the vocabularies could not be loaded ahead")
