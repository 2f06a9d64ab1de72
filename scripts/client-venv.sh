# Sourced by the scripts that test replylint under clients nobody here
# wrote (scripts/test-server.sh, test-serve.sh, test-mcp.sh), from the
# repository's root.

# client_venv SETUP NAME MODULE PACKAGE...: make the virtual environment
# target/NAME-venv with pytest and PACKAGE... from PyPI (once: again when
# MODULE does not import), and set `venv` to it. With SETUP `--setup`, stop
# there (exit 0); exit 2 when it cannot be made.
client_venv() {
    local setup=$1 name=$2 module=$3
    shift 3
    target=${CARGO_TARGET_DIR:-$PWD/target}
    venv=$target/$name-venv
    if [[ ! -x $venv/bin/pytest ]] || ! "$venv/bin/python" -c "import $module" 2>/dev/null; then
        rm -rf "$venv"
        if ! python3 -m venv "$venv" \
            || ! "$venv/bin/pip" install --quiet --disable-pip-version-check "$@"; then
            rm -rf "$venv"
            echo "error: could not make a virtual environment with $module in $venv" >&2
            exit 2
        fi
    fi
    if [[ $setup == --setup ]]; then
        exit 0
    fi
}

# client_tests DIR ARGS...: build the binary and run the pytest tests of
# DIR against it (`REPLYLINT`), with ARGS for pytest.
client_tests() {
    local dir=$1
    shift
    cargo build --quiet --bin replylint
    export REPLYLINT=$target/debug/replylint
    cd "$dir"
    exec "$venv/bin/pytest" -q -p no:cacheprovider "$@"
}
