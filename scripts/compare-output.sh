#!/usr/bin/env bash
# Compare what two builds print, byte for byte: every output format on the
# sample drafts, the sample library, the test corpora (and ../shared/corpus
# when present) and a generated 10,000-reply library, plus the listing
# commands (rules, channels, explain, count, config, man, completions).
# For refactorings that must not change behaviour.
#
# Usage: scripts/compare-output.sh OLD_BINARY NEW_BINARY
# Exit status 0 when every output is identical; prints each difference.
set -uo pipefail

OLD=$(realpath "$1")
NEW=$(realpath "$2")
cd "$(dirname "$0")/.."
ROOT=$PWD
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
python3 scripts/gen-corpus.py "$WORK/library-10k" --replies 10000 --layout library >/dev/null

inputs=(examples/drafts examples/library tests/data/eval tests/data/safety tests/data/tone "$WORK/library-10k")
[[ -d ../shared/corpus ]] && inputs+=("$(realpath ../shared/corpus)")

runs=0
diffs=0
# Run one command with both binaries from $ROOT and compare stdout, stderr
# and exit status. Each binary reads its own copy of the file $STDIN (by
# default nothing): a redirection on `compare` would hand the whole input
# to the first binary and none to the second.
compare() {
    local label=$1
    shift
    local input=${STDIN:-/dev/null}
    (cd "$ROOT" && "$OLD" "$@" <"$input" >"$WORK/old.out" 2>"$WORK/old.err"; echo "exit $?" >>"$WORK/old.err")
    (cd "$ROOT" && "$NEW" "$@" <"$input" >"$WORK/new.out" 2>"$WORK/new.err"; echo "exit $?" >>"$WORK/new.err")
    sed -i "s#$OLD#BIN#g" "$WORK/old.err" "$WORK/old.out"
    sed -i "s#$NEW#BIN#g" "$WORK/new.err" "$WORK/new.out"
    runs=$((runs + 1))
    if ! cmp -s "$WORK/old.out" "$WORK/new.out" || ! cmp -s "$WORK/old.err" "$WORK/new.err"; then
        diffs=$((diffs + 1))
        echo "DIFFERS: $label"
        diff <(cat "$WORK/old.out" "$WORK/old.err") <(cat "$WORK/new.out" "$WORK/new.err") | head -20
    fi
}

for input in "${inputs[@]}"; do
    for format in human line json jsonl sarif github checkstyle; do
        compare "check --format $format $input" check --no-config --color never --format "$format" "$input"
    done
    compare "check --color always $input" check --no-config --color always "$input"
done
# With the repository's own configuration discovery (examples carry none,
# the working folder is the repository).
compare "check examples/drafts (discovered config)" check --color never examples/drafts
for draft in examples/drafts/*/*; do
    STDIN=$draft compare "stdin $draft" check --no-config --format json --stdin-filename "$draft" -
    compare "count $draft" count "$draft"
    compare "config $draft" config "$draft"
done
compare "rules" rules
compare "rules --format json" rules --format json
compare "channels" channels
compare "man" man
compare "completions bash" completions bash
for rule in $("$NEW" rules --format json | python3 -c 'import json,sys; [print(r["id"]) for r in json.load(sys.stdin)]' 2>/dev/null); do
    compare "explain $rule" explain "$rule"
done
compare "--diff" check --no-config --diff --unsafe-fixes examples/drafts examples/library

echo "# $runs commands compared, $diffs differ"
[[ $diffs -eq 0 ]]
