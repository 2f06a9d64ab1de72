#!/usr/bin/env bash
# `replylint mcp` under a client nobody here wrote: the official MCP Python
# SDK (`mcp` on PyPI), which starts the server with `stdio_client`, lists
# the tools and calls each one (clients/mcp/). Makes a virtual environment
# in target/mcp-venv (once), builds the binary and runs the tests. Extra
# arguments go to pytest (`-k offsets`, `-x`); `--setup` only makes the
# virtual environment.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/client-venv.sh
client_venv "${1:-}" mcp mcp 'mcp>=1.30,<3' 'pytest>=8' 'anyio>=4'
echo "mcp $("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("mcp"))') from PyPI"
client_tests clients/mcp "$@"
