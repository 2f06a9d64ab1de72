#!/usr/bin/env bash
# Rebuild the built-in English (en-US) word list,
# crates/replylint_core/src/spelling/data/en_US.fst, from the SCOWL Hunspell
# dictionary Debian ships (package hunspell-en-us) with Hunspell's `unmunch`
# (package hunspell-tools): every word form the dictionary accepts, each
# marked when the dictionary forbids suggesting it (flag `!`).
#
#   apt install hunspell-en-us hunspell-tools
#   scripts/build-english-dictionary.sh [/usr/share/hunspell/en_US]
set -euo pipefail
base=${1:-/usr/share/hunspell/en_US}
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
command -v unmunch >/dev/null || { echo "unmunch not found: apt install hunspell-tools" >&2; exit 1; }
unmunch "$base.dic" "$base.aff" 2>/dev/null >"$tmp/all.txt"
# The stems flagged NOSUGGEST (`!`), as a dictionary of their own.
grep -E '^[^#].*/[^ ]*!' "$base.dic" >"$tmp/nosuggest.body" || true
{ wc -l <"$tmp/nosuggest.body"; cat "$tmp/nosuggest.body"; } >"$tmp/nosuggest.dic"
unmunch "$tmp/nosuggest.dic" "$base.aff" 2>/dev/null >"$tmp/nosuggest.txt"
cargo run -q -p replylint_core --example build_english_dictionary -- \
    "$tmp/all.txt" "$tmp/nosuggest.txt" \
    "$root/crates/replylint_core/src/spelling/data/en_US.fst"
