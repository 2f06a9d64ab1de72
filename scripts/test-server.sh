#!/usr/bin/env bash
# `replylint server` under a client nobody here wrote: pytest-lsp (pygls's
# client, from PyPI), with the capabilities Neovim and VS Code send. Makes
# a virtual environment in target/lsp-venv (once), builds the binary and
# runs editors/tests/. Extra arguments go to pytest (`-k hover`, `-x`);
# `--setup` only makes the virtual environment.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/client-venv.sh
client_venv "${1:-}" lsp pytest_lsp 'pytest-lsp>=1.0,<2'
client_tests editors/tests "$@"
