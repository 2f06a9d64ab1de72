#!/usr/bin/env bash
# `replylint serve` under a LanguageTool client nobody here wrote:
# language-tool-python (PyPI), pointed at the server as at any LanguageTool
# server. Makes a virtual environment in target/serve-venv (once), builds
# the binary and runs clients/languagetool/. Extra arguments go to pytest (`-k
# italian`, `-x`); `--setup` only makes the virtual environment.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${CARGO_TARGET_DIR:-$PWD/target}
venv=$target/serve-venv
if [[ ! -x $venv/bin/pytest ]] || ! "$venv/bin/python" -c 'import language_tool_python' 2>/dev/null; then
    rm -rf "$venv"
    if ! python3 -m venv "$venv" \
        || ! "$venv/bin/pip" install --quiet --disable-pip-version-check \
            'language-tool-python>=2.9,<4' 'pytest>=8,<10'; then
        rm -rf "$venv"
        echo "error: could not make a virtual environment with language-tool-python in $venv" >&2
        exit 2
    fi
fi
if [[ ${1:-} == --setup ]]; then
    exit 0
fi
cargo build --quiet --bin replylint
export REPLYLINT=$target/debug/replylint
cd clients/languagetool
exec "$venv/bin/pytest" -q -p no:cacheprovider "$@"
