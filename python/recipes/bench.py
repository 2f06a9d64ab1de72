"""Replies per second per core: the Python API (`check_many`) against the
command (`replylint check` on a JSON Lines export of the same replies).

    python bench.py --rows 100000 [--command replylint]

Prints one line per measurement: wall time, CPU time (this process and
its children) and replies per second per core (replies / CPU seconds).
"""

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time

import replylint
from _replies import sent_replies


def cpu():
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def measure(label, rows, fn):
    c, w = cpu(), time.perf_counter()
    out = fn()
    w, c = time.perf_counter() - w, cpu() - c
    print(f"{label:<44} {w:6.2f} s wall {c:6.2f} s CPU  {rows / w:8.0f} replies/s  "
          f"{rows / c:7.0f} replies/s per core")
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--command", default=shutil.which("replylint"))
    args = ap.parse_args()
    df = sent_replies(args.rows)
    groups = [(ch, g["text"].tolist()) for ch, g in df.groupby("channel", sort=False)]
    print(f"{args.rows} replies, {df['text'].str.len().mean():.0f} characters on average, "
          f"{os.cpu_count()} cores")

    linter = replylint.Linter(no_config=True)

    def api(threads):
        return sum(len(found) for ch, texts in groups
                   for found in linter.check_many(texts, channel=ch, threads=threads))

    n1 = measure("API check_many, threads=1", args.rows, lambda: api(1))
    n = measure("API check_many, every core", args.rows, lambda: api(None))
    assert n == n1

    with tempfile.TemporaryDirectory() as d:
        export = os.path.join(d, "sent.jsonl")
        with open(export, "w") as f:
            for row in df.itertuples():
                f.write(json.dumps({"id": row.id, "channel": row.channel, "text": row.text}) + "\n")

        def command(threads):
            env = {**os.environ, "NO_COLOR": "1"}
            if threads:
                env["RAYON_NUM_THREADS"] = str(threads)
            proc = subprocess.run([args.command, "check", "--format", "json", "--no-config", export],
                                  capture_output=True, env=env, cwd=d)
            assert proc.returncode in (0, 1), proc.stderr.decode()
            return len(json.loads(proc.stdout)["diagnostics"])

        c1 = measure(f"command ({os.path.basename(args.command)}), 1 thread", args.rows, lambda: command(1))
        c = measure(f"command ({os.path.basename(args.command)}), every core", args.rows, lambda: command(None))
        assert c == c1
    print(f"findings: API {n}, command {c}")
    sys.exit(0 if n == c else 1)


if __name__ == "__main__":
    main()
