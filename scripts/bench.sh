#!/usr/bin/env bash
# Time the whole `replylint` binary, from process start to exit:
#
#   1. one draft on stdin (start-up, config discovery, every default rule),
#   2. a library of 100,000 replies of ~300 characters (it/en/es/fr/de/pt,
#      every built-in channel) in TOML, CSV, JSON Lines and Zendesk files of
#      1,000 replies each, with every default rule, on 2 threads,
#   3. the same as one reply per file (`.txt` and `.md` with front matter),
#      and the library again as one SARIF log (the format that keeps the
#      most until the end),
#   4. peak resident memory for 10,000 and 100,000 replies (flat in the
#      number of files: results are printed as they come),
#   5. the library rules' cost: the library with the four rules across
#      replies off and on (time and peak memory; the generated replies are
#      made of few sentences, so nearly all are near-duplicates: a worst
#      case).
#
# Usage: scripts/bench.sh [REPLIES]   (default 100000)
# Needs python3, hyperfine (Debian: `apt-get install -y hyperfine`) and GNU
# time (`/usr/bin/time`). Set BIN to time another build; THREADS to change
# the thread count (RAYON_NUM_THREADS).
set -euo pipefail

cd "$(dirname "$0")/.."
REPLIES=${1:-100000}
THREADS=${THREADS:-2}
export RAYON_NUM_THREADS=$THREADS
if [[ -z ${BIN:-} ]]; then
    cargo build --release --quiet
    BIN=${CARGO_TARGET_DIR:-target}/release/replylint
fi
BIN=$(realpath "$BIN")
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

echo "# machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(uname -sr)"
echo "# binary:  $BIN ($(du -h "$BIN" | cut -f1))"
echo "# threads: $RAYON_NUM_THREADS"

python3 scripts/gen-corpus.py --draft --seed 3 > "$WORK/draft.txt"
python3 scripts/gen-corpus.py "$WORK/library" --replies "$REPLIES" --layout library
python3 scripts/gen-corpus.py "$WORK/files" --replies "$REPLIES" --layout files
python3 scripts/gen-corpus.py "$WORK/library-10k" --replies 10000 --layout library

# The draft runs where no config file is found walking up, as an operator's
# would; the libraries with `--no-config`. `|| true`: diagnostics exit 1.
cd "$WORK"
# (hyperfine subtracts the time the shell takes to start.)
hyperfine --warmup 20 --min-runs 100 --ignore-failure \
    --export-json "$WORK/draft.json" \
    "$BIN check --channel twitter --format line - < draft.txt"
hyperfine --warmup 0 --min-runs 3 --ignore-failure \
    --export-json "$WORK/library.json" \
    "$BIN check --no-config --format line library > /dev/null" \
    "$BIN check --no-config --format line files > /dev/null" \
    "$BIN check --no-config --format sarif library > /dev/null"

for corpus in library-10k library; do
    /usr/bin/time -f "%M KiB peak RSS, %e s wall, %U s user, %S s system" \
        "$BIN" check --no-config --format jsonl "$corpus" 2>"$WORK/time" >"$WORK/out.jsonl" || true
    echo "$corpus ($(tail -1 "$WORK/out.jsonl" | python3 -c 'import json,sys; s=json.load(sys.stdin); print(s["replies"], "replies,", s["files"], "files")')): $(tail -1 "$WORK/time")"
done

# The library rules (inconsistent-fact, missing-translation,
# translation-drift, near-duplicate) off, then on.
cat > "$WORK/library-rules-off.toml" <<'TOML'
[rules]
inconsistent-fact = "off"
missing-translation = "off"
translation-drift = "off"
near-duplicate = "off"
TOML
: > "$WORK/library-rules-on.toml"
hyperfine --warmup 0 --min-runs 3 --ignore-failure \
    --export-json "$WORK/library-rules.json" \
    "$BIN check --config library-rules-off.toml --format line library > /dev/null" \
    "$BIN check --config library-rules-on.toml --format line library > /dev/null"
for rules in off on; do
    /usr/bin/time -f "%M KiB peak RSS, %e s wall, %U s user, %S s system" \
        "$BIN" check --config "library-rules-$rules.toml" --format line library \
        2>"$WORK/time" >/dev/null || true
    echo "library rules $rules: $(tail -1 "$WORK/time")"
done
