#!/usr/bin/env bash
# replylint beside other prose linters, on the same generated replies.
#
# Usage: scripts/bench-peers.sh [REPLIES]     (default 2,000)
#
# Generates REPLIES replies with scripts/gen-corpus.py (~300 characters,
# six languages, five channels), one file each, and checks them all with
# each tool in one run, then one English draft (one of those files) 30
# times:
#
#   replylint     the release build, every default rule (spelling with the
#                 machine's dictionaries), `check --no-config --format line`;
#                 then again with the dictionaries compiled first
#                 (`replylint dictionaries --compile`)
#   textlint      textlint 15 with textlint-rule-write-good 2 (npm)
#   write-good    write-good 1 (npm)
#   proselint     proselint 0.16 (PyPI)
#
# The peers are installed in a temporary folder and removed after; none is
# a dependency of replylint. Prints, per tool, replies a second (wall
# clock), CPU a reply (user + system) and peak memory (/usr/bin/time), then
# each tool's time for one draft (hyperfine). The numbers depend on the
# machine: run it where you compare. Needs cargo, node and npm, python3,
# hyperfine and GNU time; `REPLYLINT=path` times that build instead.
set -euo pipefail

REPLIES=${1:-2000}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# REPLYLINT=path: a build to time instead of the release build made here.
BIN=${REPLYLINT:-}
if [[ -z $BIN ]]; then
    cargo build --release --quiet --manifest-path "$ROOT/Cargo.toml"
    BIN="$ROOT/target/release/replylint"
fi

echo "# installing the peers in $WORK"
npm install --silent --no-audit --no-fund --prefix "$WORK/npm" \
    textlint@15 textlint-rule-write-good@2 write-good@1 >/dev/null
python3 -m venv "$WORK/venv"
"$WORK/venv/bin/pip" install --quiet proselint==0.16.0
NPM_BIN="$WORK/npm/node_modules/.bin"

python3 "$ROOT/scripts/gen-corpus.py" "$WORK/corpus" --replies "$REPLIES" --layout files >/dev/null
cd "$WORK/corpus"
find . -type f | sort >"$WORK/files"
# An English draft: the language every peer checks.
DRAFT=$(grep -m1 /en/ "$WORK/files")

# The dictionaries parsed (an empty cache), then compiled.
mkdir -p "$WORK/parsed" "$WORK/compiled"
REPLYLINT_CACHE_DIR="$WORK/compiled" "$BIN" dictionaries --compile --no-config >/dev/null
declare -A COMMAND=(
    [replylint]="env REPLYLINT_CACHE_DIR=$WORK/parsed $BIN check --no-config --format line"
    [replylint-compiled]="env REPLYLINT_CACHE_DIR=$WORK/compiled $BIN check --no-config --format line"
    [textlint]="$NPM_BIN/textlint --rule write-good"
    [write-good]="$NPM_BIN/write-good"
    [proselint]="$WORK/venv/bin/proselint check"
)
TOOLS=(replylint replylint-compiled textlint write-good proselint)

echo "# $REPLIES replies, one file each, checked in one run"
printf '| %-18s | %12s | %14s | %9s | %9s |\n' tool "replies/s" "CPU a reply" peak findings
printf '|%s|%s|%s|%s|%s|\n' -------------------- -------------- ---------------- ----------- -----------
for tool in "${TOOLS[@]}"; do
    # Every file as an argument: each tool reads the same list.
    # shellcheck disable=SC2086
    /usr/bin/time -f "%e %U %S %M" -o "$WORK/time" \
        xargs -a "$WORK/files" ${COMMAND[$tool]} >"$WORK/out" 2>/dev/null || true
    read -r wall user sys kib < <(tail -1 "$WORK/time")
    python3 - "$tool" "$REPLIES" "$wall" "$user" "$sys" "$kib" "$(grep -c . "$WORK/out" || true)" <<'PY'
import sys
tool, replies, wall, user, sys_, kib, lines = sys.argv[1:]
replies, wall, cpu = int(replies), float(wall), float(user) + float(sys_)
print(f"| {tool:<18} | {replies / wall:>12,.0f} | {cpu * 1e6 / replies:>11,.0f} µs | {int(kib) / 1024:>5,.0f} MiB | {lines:>9} |")
PY
done
echo
echo "(xargs starts a tool more than once when the list is longer than a"
echo "command line; findings are the lines each tool printed.)"

echo
echo "# one draft ($DRAFT), 30 runs each"
args=()
for tool in "${TOOLS[@]}"; do
    args+=(--command-name "$tool" "${COMMAND[$tool]} $DRAFT")
done
hyperfine --warmup 3 --runs 30 --ignore-failure --style basic \
    --export-markdown "$WORK/draft.md" "${args[@]}" >/dev/null
cat "$WORK/draft.md"
