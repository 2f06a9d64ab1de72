"""replylint: a linter for customer-care replies, from Python.

>>> import replylint
>>> [d.rule for d in replylint.check("Dear customer, we apologize for any inconvenience.")]

``check`` and ``check_many`` check texts as ``replylint check -`` checks
standard input (a front matter block counts), with the configuration
``replylint check`` would use from the working folder (the first
``replylint.toml`` walking up, else the built-in settings), loaded once
per configuration file and working folder. ``Linter`` loads a given
configuration once and checks with it.
"""

from __future__ import annotations

import os

# `typing` costs more to import than the rest of the command's start-up:
# only type checkers read these.
TYPE_CHECKING = False

if TYPE_CHECKING:
    from typing import Dict, Iterable, List, Optional, Tuple

from ._replylint import (
    ConfigError,
    Diagnostic,
    Edit,
    Fix,
    InputError,
    Linter,
    __version__,
    count,
)

__all__ = [
    "ConfigError",
    "Diagnostic",
    "Edit",
    "Fix",
    "InputError",
    "Linter",
    "__version__",
    "check",
    "check_many",
    "count",
]

# Linters of the module-level functions, by (configuration, working
# folder): loaded again when the file's modification time changes.
_linters: "Dict[Tuple[Optional[str], str], Tuple[object, Linter]]" = {}


def _linter(config: Optional[str]) -> Linter:
    cwd = os.getcwd()
    key = (None if config is None else os.fspath(config), cwd)
    cached = _linters.get(key)
    if cached is not None:
        stamp, linter = cached
        if stamp == _stamp(linter.config_path):
            return linter
    linter = Linter(config, cwd=cwd)
    _linters[key] = (_stamp(linter.config_path), linter)
    return linter


def _stamp(path: Optional[str]) -> object:
    if path is None:
        return None
    try:
        st = os.stat(path)
    except OSError:
        return "missing"
    return (st.st_mtime_ns, st.st_size)


def check(
    text: str,
    channel: Optional[str] = None,
    lang: Optional[str] = None,
    mode: Optional[str] = None,
    config: Optional[str] = None,
) -> List[Diagnostic]:
    """Check one reply; return its diagnostics in the command's order.

    ``channel``, ``lang`` and ``mode`` (``"draft"`` or ``"template"``) are
    ``--channel``, ``--lang`` and ``--mode``; ``config`` is ``--config``
    (else the configuration is discovered from the working folder).
    Raises ``InputError`` for a text the command reports an error for and
    ``ConfigError`` for a configuration (or channel, language) that does
    not load.
    """
    return _linter(config).check(text, channel=channel, lang=lang, mode=mode)


def check_many(
    texts: Iterable[str],
    channel: Optional[str] = None,
    lang: Optional[str] = None,
    mode: Optional[str] = None,
    config: Optional[str] = None,
    threads: Optional[int] = None,
) -> List[List[Diagnostic]]:
    """Check many replies in parallel on every core, the GIL released.

    Returns one list of diagnostics per text, in order. ``threads`` limits
    the cores used. The other arguments are those of :func:`check`.
    """
    return _linter(config).check_many(
        texts, channel=channel, lang=lang, mode=mode, threads=threads
    )
