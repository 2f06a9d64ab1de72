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
# and exit status. Each binary reads the file $STDIN (default: nothing) on
# its standard input.
compare() {
    local label=$1
    shift
    local stdin=${STDIN:-/dev/null}
    (cd "$ROOT" && "$OLD" "$@" <"$stdin" >"$WORK/old.out" 2>"$WORK/old.err"; echo "exit $?" >>"$WORK/old.err")
    (cd "$ROOT" && "$NEW" "$@" <"$stdin" >"$WORK/new.out" 2>"$WORK/new.err"; echo "exit $?" >>"$WORK/new.err")
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

# `init` writes its starter file into the working folder: an empty folder
# per build, then a second run that must refuse to overwrite it.
for run in first again; do
    for which in old new; do
        bin=$OLD
        [[ $which == new ]] && bin=$NEW
        mkdir -p "$WORK/init-$which"
        (cd "$WORK/init-$which" && "$bin" init >"$WORK/$which.out" 2>"$WORK/$which.err"
            echo "exit $?" >>"$WORK/$which.err"
            cat replylint.toml >>"$WORK/$which.out")
        sed -i "s#$WORK/init-$which#DIR#g" "$WORK/$which.out" "$WORK/$which.err"
    done
    runs=$((runs + 1))
    if ! cmp -s "$WORK/old.out" "$WORK/new.out" || ! cmp -s "$WORK/old.err" "$WORK/new.err"; then
        diffs=$((diffs + 1))
        echo "DIFFERS: init ($run)"
        diff <(cat "$WORK/old.out" "$WORK/old.err") <(cat "$WORK/new.out" "$WORK/new.err") | head -20
    fi
done

# Configuration files that set every kind of setting, and mistakes in
# them: `config` and `check` with each.
configs=(
'channel = "email"
acronyms = ["ACME"]
allowed-domains = ["acme.com"]
placeholder-dialect = "intercom"
variables = ["user.name"]
[placeholder-lengths]
name = 12
variables = { "ticket.id" = 8 }
[[paths]]
glob = "examples/drafts/sms/**"
mode = "template"
placeholder-dialect = "zendesk"
[rules]
readability = "warning"
[channels.email]
signature-pattern = "-[A-Z][a-z]+$"
min-readability = { it = 40, de = 30 }
max-emoji = 1
[channels.x]
max-length = 200
[channels.x.rules]
emoji = "error"
[channels.support-chat]
extends = "chat"
description = "Support chat."
aliases = ["sc"]
placeholder-dialect = "zendesk"
variables = ["ticket.id"]
max-exclamations = 1
strict-french-spacing = true
register = "formal"
renders = "html"
greeting = "required"
min-readability = 30
[channels.mini-chat]
extends = "support-chat"
max-length = 80
[[rule]]
id = "no-asap"
kind = "forbid"
phrases = ["asap"]'
'zzz = 1'
'chanel = "email"'
'[channels.email]
max-lenght = 3'
'[channels.email]
zzz = 3'
'[channels.email]
signature-pattern = "(^x"'
'[channels.email]
min-readability = { xx = 40 }'
'[channels.email]
placeholder-dialect = "zendesc"'
'[channels.email]
register = "formall"'
'[channels.a]
extends = "b"
[channels.b]
extends = "a"'
'[channels.twiter]
max-length = 3'
'[placeholder-lengths]
zzz = 3'
'[[paths]]
zzz = 3'
'[[paths]]
channel = "sms"'
'[[rule]]
id = "x"
kind = "forbid"
zzz = 3'
'[rules]
exclamtion = "off"'
)
i=0
for text in "${configs[@]}"; do
    i=$((i + 1))
    printf '%s\n' "$text" >"$WORK/config-$i.toml"
    for path in examples/drafts/email/refund.en.md examples/drafts/chat/dear-anna.txt; do
        for channel in email support-chat mini-chat sc x whatsapp-template sms; do
            compare "config $i --channel $channel $path" config --config "$WORK/config-$i.toml" --channel "$channel" "$path"
        done
        compare "config $i $path" config --config "$WORK/config-$i.toml" "$path"
    done
    compare "check config $i" check --config "$WORK/config-$i.toml" --color never --format json examples/drafts examples/library
    compare "channels config $i" channels --config "$WORK/config-$i.toml"
    compare "rules config $i" rules --config "$WORK/config-$i.toml"
done

echo "# $runs commands compared, $diffs differ"
[[ $diffs -eq 0 ]]
