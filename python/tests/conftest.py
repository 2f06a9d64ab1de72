"""The tests run against the installed wheel: `replylint` imported from
site-packages, the `replylint` command from the virtual environment's
scripts folder (scripts/test-wheel.sh)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


@pytest.fixture(scope="session")
def command():
    path = BIN / ("replylint.exe" if os.name == "nt" else "replylint")
    assert path.exists(), f"the wheel's command is not installed at {path}"
    return str(path)


@pytest.fixture
def run(command, tmp_path):
    """Run the command in an empty folder (no configuration discovered)."""

    def run(*args, stdin=None, cwd=None):
        return subprocess.run(
            [command, *args],
            input=stdin,
            capture_output=True,
            text=True,
            cwd=cwd or tmp_path,
            env={**os.environ, "NO_COLOR": "1"},
        )

    return run


@pytest.fixture(autouse=True)
def in_empty_folder(tmp_path, monkeypatch):
    """The module-level functions discover configuration from the working
    folder: an empty one, as the command's."""
    monkeypatch.chdir(tmp_path)
