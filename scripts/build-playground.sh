#!/usr/bin/env bash
# Build the playground (playground/dist/): the core compiled to WebAssembly
# (crates/replylint_wasm, profile `wasm-release`), wasm-bindgen's glue
# written to playground/src/wasm/, then `npm ci && npm run build`.
# Prints the module's size, raw and gzipped.
#
# Needs the Rust target wasm32-unknown-unknown (added with rustup when
# missing), Node.js with npm, and the wasm-bindgen command-line tool of
# exactly the version of the `wasm-bindgen` crate in Cargo.lock: installed
# with `cargo install` when that version is missing. Exits 2 (with the
# reason) when one of them cannot be had, 1 when a build fails.
#
# `--no-npm`: only the module and its glue (what the bindings' Node test
# needs).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_INCREMENTAL=0

missing() {
    echo "build-playground: $1" >&2
    exit 2
}

command -v node >/dev/null && command -v npm >/dev/null || missing "node and npm are not installed"
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    rustup target add wasm32-unknown-unknown >/dev/null 2>&1 \
        || missing "rustup could not add the wasm32-unknown-unknown target"
fi

# The command-line tool must be the crate's version exactly: its glue and
# the module's custom section are read by each other.
version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
[[ -n $version ]] || missing "no wasm-bindgen in Cargo.lock"
bindgen=wasm-bindgen
if [[ $("$bindgen" --version 2>/dev/null) != "wasm-bindgen $version" ]]; then
    bindgen=${CARGO_HOME:-$HOME/.cargo}/bin/wasm-bindgen
fi
if [[ $("$bindgen" --version 2>/dev/null) != "wasm-bindgen $version" ]]; then
    echo "build-playground: installing wasm-bindgen-cli $version (a few minutes, once)" >&2
    # With its own lock file when the registry has every version it
    # names, else with the newest compatible ones.
    cargo install wasm-bindgen-cli --version "$version" --locked >/dev/null 2>&1 \
        || cargo install wasm-bindgen-cli --version "$version" >/dev/null 2>&1 \
        || missing "cargo install wasm-bindgen-cli --version $version failed (no registry?)"
fi

cargo build -p replylint_wasm --target wasm32-unknown-unknown --profile wasm-release --locked
wasm=${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/wasm-release/replylint_wasm.wasm
out=playground/src/wasm
rm -rf "$out"
# Without the function names (a quarter of the module) or the producers.
"$bindgen" --target web --remove-name-section --remove-producers-section --out-dir "$out" "$wasm"
module=$out/replylint_wasm_bg.wasm
echo "build-playground: $module: $(wc -c <"$module") bytes, $(gzip -9 <"$module" | wc -c) gzipped (gzip -9)"

[[ ${1:-} == --no-npm ]] && exit 0
cd playground
npm ci --no-audit --no-fund --loglevel=error
npm run build
