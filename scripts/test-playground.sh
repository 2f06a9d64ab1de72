#!/usr/bin/env bash
# The playground, tested: builds it (scripts/build-playground.sh), runs the
# Node tests of the WebAssembly bindings and the parity test against the
# command line (playground/test/*.test.mjs, with target/debug/replylint),
# then drives the built page in headless Chromium (playground/test/
# browser.mjs) on loopback. Screenshots: target/playground-shots/.
#
# Chromium is the system's (/usr/bin/chromium, or $CHROMIUM): nothing is
# downloaded. Exits 2, with the reason, when something it needs is missing
# (Node.js, the wasm32 target, wasm-bindgen-cli, Chromium); `--no-browser`
# skips the browser part.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_INCREMENTAL=0

scripts/build-playground.sh
cargo build --bin replylint --locked --quiet
bin=$(realpath "${CARGO_TARGET_DIR:-target}/debug/replylint")
(cd playground && REPLYLINT_BIN="$bin" node --test test/bindings.test.mjs test/parity.test.mjs)

[[ ${1:-} == --no-browser ]] && exit 0
chromium=${CHROMIUM:-/usr/bin/chromium}
if [[ ! -x $chromium ]]; then
    echo "test-playground: no Chromium at $chromium (apt-get install chromium, or set CHROMIUM)" >&2
    exit 2
fi
(cd playground && CHROMIUM="$chromium" node test/browser.mjs)
