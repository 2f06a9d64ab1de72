#!/usr/bin/env bash
# `replylint server` under a client nobody here wrote: pytest-lsp (pygls's
# client, from PyPI), with the capabilities Neovim and VS Code send. Makes
# a virtual environment in target/lsp-venv (once), builds the binary and
# runs editors/tests/. Extra arguments go to pytest (`-k hover`, `-x`);
# `--setup` only makes the virtual environment.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${CARGO_TARGET_DIR:-$PWD/target}
venv=$target/lsp-venv
if [[ ! -x $venv/bin/pytest ]]; then
    rm -rf "$venv"
    if ! python3 -m venv "$venv" \
        || ! "$venv/bin/pip" install --quiet --disable-pip-version-check 'pytest-lsp>=1.0,<2'; then
        rm -rf "$venv"
        echo "error: could not make a virtual environment with pytest-lsp in $venv" >&2
        exit 2
    fi
fi
if [[ ${1:-} == --setup ]]; then
    exit 0
fi
cargo build --quiet --bin replylint
export REPLYLINT=$target/debug/replylint
cd editors/tests
exec "$venv/bin/pytest" -q -p no:cacheprovider "$@"
