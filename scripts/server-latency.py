#!/usr/bin/env python3
"""Re-lint latency of `replylint server`: open a reply library, change it
again and again as someone typing does, and time each change from the
`didChange` sent to its diagnostics received (debounce included).

    python3 scripts/gen-corpus.py --replies 1000 --layout library --per-file 1000 /tmp/lib
    python3 scripts/server-latency.py target/release/replylint /tmp/lib/library-0000.toml

Prints p50, p95 and the worst of the changes (the first few are not
counted: warm-up).
"""

import json
import pathlib
import statistics
import subprocess
import sys
import time


def main() -> None:
    binary, library = str(pathlib.Path(sys.argv[1]).resolve()), pathlib.Path(sys.argv[2]).resolve()
    changes = int(sys.argv[3]) if len(sys.argv) > 3 else 200
    server = subprocess.Popen([binary, "server"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              cwd=library.parent)

    def send(message):
        body = json.dumps(message).encode()
        server.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        server.stdin.flush()

    def read():
        length = None
        while True:
            line = server.stdout.readline().strip()
            if not line:
                break
            name, value = line.split(b":", 1)
            if name.lower() == b"content-length":
                length = int(value)
        return json.loads(server.stdout.read(length))

    def diagnostics(version):
        while True:
            m = read()
            if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["version"] == version:
                return m["params"]["diagnostics"]

    send({"jsonrpc": "2.0", "id": 1, "method": "initialize",
          "params": {"processId": None, "rootUri": library.parent.as_uri(), "capabilities": {}}})
    read()
    send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    text = library.read_text(encoding="utf-8")
    uri = library.as_uri()
    send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": uri, "languageId": "toml", "version": 1, "text": text}}})
    found = diagnostics(1)
    lines = text.split("\n")
    # Type into the `text = "…"` lines, one character per change.
    targets = [i for i, l in enumerate(lines) if l.startswith('text = "') and len(l) > 20]
    times = []
    for n in range(changes):
        line = targets[(n * 37) % len(targets)]
        version = n + 2
        start = time.perf_counter()
        send({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"range": {"start": {"line": line, "character": 10},
                                          "end": {"line": line, "character": 10}}, "text": "x"}]}})
        diagnostics(version)
        times.append((time.perf_counter() - start) * 1000)
    send({"jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": None})
    read()
    send({"jsonrpc": "2.0", "method": "exit", "params": None})
    server.wait()
    counted = sorted(times[5:])
    p = lambda q: counted[min(len(counted) - 1, int(q * len(counted)))]
    print(f"{len(text):,} bytes, {len(targets)} replies, {len(found)} diagnostics; "
          f"{len(counted)} changes: p50 {p(0.50):.1f} ms, p95 {p(0.95):.1f} ms, "
          f"max {counted[-1]:.1f} ms (mean {statistics.mean(counted):.1f} ms)")


if __name__ == "__main__":
    main()
