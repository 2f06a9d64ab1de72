#!/usr/bin/env bash
# Time the whole `replylint` binary, from process start to exit:
#
#   1. one draft on stdin (start-up, config discovery, every default rule),
#      with its Italian dictionary parsed, then compiled
#      (`replylint dictionaries --compile`),
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
#      case),
#   6. per output format (`line`, `json`, `sarif`) and library size (10,000
#      and REPLIES; 1,000,000 too with BENCH_1M=1): replies a second, CPU
#      microseconds a reply and peak memory, every default rule on,
#   7. one JSON Lines library of about 60 MB, one TOML library and one
#      Zendesk export of 80,000 replies each (about 32 and 35 MB, read a
#      slice at a time), and one reply of 50 MB: time and peak memory.
#
# Usage: scripts/bench.sh [REPLIES]   (default 100000)
# Needs python3, hyperfine (Debian: `apt-get install -y hyperfine`) and GNU
# time (`/usr/bin/time`). Set BIN to time another build; THREADS to change
# the thread count (RAYON_NUM_THREADS).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
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
# (hyperfine subtracts the time the shell takes to start.) The draft is
# Italian: timed with the dictionary parsed, then compiled. Every other row
# runs without compiled dictionaries (an empty cache folder).
export REPLYLINT_CACHE_DIR="$WORK/cache"
hyperfine --warmup 20 --min-runs 100 --ignore-failure \
    --export-json "$WORK/draft.json" \
    "$BIN check --channel twitter --format line - < draft.txt"
mkdir -p "$WORK/compiled"
REPLYLINT_CACHE_DIR="$WORK/compiled" "$BIN" dictionaries --compile --variant it
REPLYLINT_CACHE_DIR="$WORK/compiled" hyperfine --warmup 20 --min-runs 100 --ignore-failure \
    --export-json "$WORK/draft-compiled.json" \
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

# Replies a second, CPU a reply and peak memory, by format and size.
sizes=("library-10k 10000" "library $REPLIES")
if [[ ${BENCH_1M:-} == 1 ]]; then
    python3 "$ROOT/scripts/gen-corpus.py" "$WORK/library-1m" --replies 1000000 --layout library
    sizes+=("library-1m 1000000")
fi
measure() { # LABEL REPLIES COMMAND...: one row of the table
    local label=$1 replies=$2
    shift 2
    /usr/bin/time -f "%e %U %S %M" "$@" 2>"$WORK/time" >/dev/null || true
    read -r wall user sys kib < <(tail -1 "$WORK/time")
    python3 - "$label" "$replies" "$wall" "$user" "$sys" "$kib" <<'PY'
import sys
label, replies, wall, user, sys_, kib = sys.argv[1:]
replies, wall, cpu = int(replies), float(wall), float(user) + float(sys_)
rate = f"{replies / wall:>10,.0f} replies/s" if replies > 1 else f"{wall:>10.2f} s wall  "
print(f"{label:<34} {rate} {cpu * 1e6 / replies:>7.1f} µs CPU a reply {int(kib) / 1024:>7.0f} MiB peak")
PY
}
echo "# by format and size (every default rule; wall clock; CPU is user + system)"
for size in "${sizes[@]}"; do
    read -r corpus replies <<<"$size"
    for format in line json sarif; do
        measure "$corpus --format $format" "$replies" "$BIN" check --no-config --format "$format" "$corpus"
    done
done

# One JSON Lines library of about 60 MB (read in parts), and one reply of
# 50 MB.
python3 - "$WORK" <<'PY'
import glob, os, sys
work = sys.argv[1]
records = []
for path in sorted(glob.glob(os.path.join(work, "library", "*.jsonl"))):
    with open(path, encoding="utf-8") as f:
        records.extend(line for line in f if line.strip())
with open(os.path.join(work, "big.jsonl"), "w", encoding="utf-8") as out:
    written = count = 0
    while written < 60_000_000:
        line = records[count % len(records)]
        out.write(line)
        written += len(line.encode())
        count += 1
with open(os.path.join(work, "big.count"), "w") as f:
    f.write(str(count))
paragraph = ("Ciao Anna, abbiamo ricevuto la tua richiesta di rimborso e la stiamo "
             "verificando: riceverai una risposta entro 14 giorni lavorativi. Grazie! ")
with open(os.path.join(work, "big-reply.txt"), "w", encoding="utf-8") as out:
    out.write((paragraph * (50_000_000 // len(paragraph.encode()) + 1))[:50_000_000])
PY
echo "# one big file"
measure "big.jsonl ($(du -h big.jsonl | cut -f1), line)" "$(cat big.count)" "$BIN" check --no-config --format line big.jsonl
python3 "$ROOT/scripts/gen-corpus.py" "$WORK/big-files" --replies 320000 --per-file 80000 --layout library >/dev/null
for file in big-files/library-0000.toml big-files/library-0003.email.json; do
    measure "$(basename "$file") ($(du -h "$file" | cut -f1), line)" 80000 "$BIN" check --no-config --format line "$file"
done
measure "big-reply.txt ($(du -h big-reply.txt | cut -f1), line)" 1 "$BIN" check --no-config --channel email --format line big-reply.txt

