#!/usr/bin/env bash
# `replylint mcp` under a client nobody here wrote: the official MCP Python
# SDK (`mcp` on PyPI), which starts the server with `stdio_client`, lists
# the tools and calls each one (clients/mcp/). Makes a virtual environment
# in target/mcp-venv (once), builds the binary and runs the tests. Extra
# arguments go to pytest (`-k offsets`, `-x`); `--setup` only makes the
# virtual environment.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${CARGO_TARGET_DIR:-$PWD/target}
venv=$target/mcp-venv
if [[ ! -x $venv/bin/pytest ]] || ! "$venv/bin/python" -c 'import mcp' 2>/dev/null; then
    rm -rf "$venv"
    if ! python3 -m venv "$venv" \
        || ! "$venv/bin/pip" install --quiet --disable-pip-version-check 'mcp>=1.30,<3' 'pytest>=8' 'anyio>=4'; then
        rm -rf "$venv"
        echo "error: could not make a virtual environment with mcp in $venv" >&2
        exit 2
    fi
fi
if [[ ${1:-} == --setup ]]; then
    exit 0
fi
cargo build --quiet --bin replylint
export REPLYLINT=$target/debug/replylint
echo "mcp $("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("mcp"))') from PyPI"
cd clients/mcp
exec "$venv/bin/pytest" -q -p no:cacheprovider "$@"
