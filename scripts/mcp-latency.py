#!/usr/bin/env python3
"""Latency of `replylint mcp`: start it, go through the handshake, and
time `tools/call` requests one after the other, each from the request
written to its answer read (the JSON both ways included), for a draft of
about 300 characters with an emoji and accents.

    python3 scripts/mcp-latency.py target/release/replylint [CALLS]

Prints the time from the start of the process to the answer to
`initialize`, then for `check_reply` (with the fixed text: the draft has
a safe fix), `count_reply` and `list_channels` the first call (which
loads the settings) and p50, p99 and the worst of the others (the first
ten are not counted: warm-up).
"""

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

DRAFT = (
    "Hi Maria, thanks for waiting!! Your café order #4821 left our warehouse "
    "this morning and should reach you by Thursday 😀 You can follow it from "
    "the link in your confirmation e-mail. If anything looks wrong when it "
    "arrives, reply here and we will sort it out straight away. Have a "
    "lovely week, Luca from the support team"
)


def main() -> None:
    binary = os.path.abspath(sys.argv[1])
    calls = int(sys.argv[2]) if len(sys.argv) > 2 else 500
    started = time.perf_counter()
    server = subprocess.Popen([binary, "mcp", "--no-config"], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                              cwd=tempfile.gettempdir())
    next_id = 0

    def request(method, params):
        nonlocal next_id
        next_id += 1
        server.stdin.write(json.dumps({"jsonrpc": "2.0", "id": next_id, "method": method,
                                       "params": params}).encode() + b"\n")
        server.stdin.flush()
        answer = json.loads(server.stdout.readline())
        assert answer["id"] == next_id and "result" in answer, answer
        return answer["result"]

    request("initialize", {"protocolVersion": "2025-06-18", "capabilities": {},
                           "clientInfo": {"name": "mcp-latency", "version": "1"}})
    handshake = time.perf_counter() - started
    server.stdin.write(b'{"jsonrpc":"2.0","method":"notifications/initialized"}\n')
    print(f"draft: {len(DRAFT)} characters; start to initialize answered: {handshake * 1000:.1f} ms")
    for tool, arguments in [
        ("check_reply", {"text": DRAFT, "channel": "twitter"}),
        ("count_reply", {"text": DRAFT}),
        ("list_channels", {}),
    ]:
        times = []
        for n in range(calls + 10):
            t = time.perf_counter()
            result = request("tools/call", {"name": tool, "arguments": arguments})
            if n == 0:
                first = time.perf_counter() - t
            if n >= 10:
                times.append(time.perf_counter() - t)
        assert not result["isError"], result
        if tool == "check_reply":
            assert "fixed_text" in result["structuredContent"]
        times.sort()
        p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
        print(f"{tool}: first call {first * 1000:.2f} ms; {len(times)} calls, "
              f"p50 {statistics.median(times) * 1000:.2f} ms, p99 {p99 * 1000:.2f} ms, "
              f"max {times[-1] * 1000:.2f} ms")
    server.stdin.close()
    server.wait(timeout=10)


if __name__ == "__main__":
    main()
