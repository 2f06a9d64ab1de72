#!/usr/bin/env bash
# `replylint serve` under a LanguageTool client nobody here wrote:
# language-tool-python (PyPI), pointed at the server as at any LanguageTool
# server. Makes a virtual environment in target/serve-venv (once), builds
# the binary and runs clients/languagetool/. Extra arguments go to pytest (`-k
# italian`, `-x`); `--setup` only makes the virtual environment.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/client-venv.sh
client_venv "${1:-}" serve language_tool_python 'language-tool-python>=2.9,<4' 'pytest>=8,<10'
client_tests clients/languagetool "$@"
