"""Type stubs of the compiled module (crates/replylint_python)."""

from os import PathLike
from typing import Any, Dict, Iterable, List, Literal, Optional, Union

__version__: str

_Path = Union[str, PathLike[str]]
Severity = Literal["error", "warning", "info"]
Mode = Literal["draft", "template"]

class ConfigError(ValueError):
    """The configuration (or a channel or language given) does not load."""

    path: Optional[str]
    line: Optional[int]
    column: Optional[int]
    message: str

class InputError(ValueError):
    """A text the command would report an error for (exit code 2)."""

class Edit:
    """Replace ``text[start_char:end_char]`` by ``replacement``."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def start_char(self) -> int: ...
    @property
    def end_char(self) -> int: ...
    @property
    def replacement(self) -> str: ...

class Fix:
    """A fix: its edits, to apply all or none."""

    @property
    def applicability(self) -> Literal["safe", "unsafe"]: ...
    @property
    def edits(self) -> List[Edit]: ...
    def to_dict(self) -> Dict[str, Any]: ...

class Diagnostic:
    """One problem found in a text (frozen).

    ``line``/``column``/``end_line``/``end_column`` are 1-based, columns in
    code points; ``start``/``end`` are UTF-8 byte offsets and
    ``start_char``/``end_char`` code point offsets, so that
    ``text[d.start_char:d.end_char]`` is the text flagged.
    """

    @property
    def rule(self) -> str: ...
    @property
    def severity(self) -> Severity: ...
    @property
    def message(self) -> str: ...
    @property
    def help(self) -> Optional[str]: ...
    @property
    def part(self) -> Optional[Literal["subject", "header", "footer"]]: ...
    @property
    def excerpt(self) -> str: ...
    @property
    def line(self) -> int: ...
    @property
    def column(self) -> int: ...
    @property
    def end_line(self) -> int: ...
    @property
    def end_column(self) -> int: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def start_char(self) -> int: ...
    @property
    def end_char(self) -> int: ...
    @property
    def fix(self) -> Optional[Fix]: ...
    def to_dict(self) -> Dict[str, Any]: ...

class Linter:
    """A configuration loaded once, and the checks made with it."""

    def __init__(
        self,
        config_path: Optional[_Path] = None,
        *,
        cwd: Optional[_Path] = None,
        no_config: bool = False,
    ) -> None: ...
    @property
    def config_path(self) -> Optional[str]: ...
    def check(
        self,
        text: str,
        *,
        channel: Optional[str] = None,
        lang: Optional[str] = None,
        mode: Optional[Mode] = None,
    ) -> List[Diagnostic]: ...
    def check_many(
        self,
        texts: Iterable[str],
        *,
        channel: Optional[str] = None,
        lang: Optional[str] = None,
        mode: Optional[Mode] = None,
        threads: Optional[int] = None,
    ) -> List[List[Diagnostic]]: ...
    def count(self, text: str, *, lang: Optional[str] = None) -> Dict[str, Any]: ...

def count(text: str, *, lang: Optional[str] = None) -> Dict[str, Any]:
    """The counts ``replylint count --format json`` gives."""

def run_cli(argv: List[str]) -> int: ...
