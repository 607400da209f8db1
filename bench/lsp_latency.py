#!/usr/bin/env python3
"""Latency of `factcheck lsp` as an editor sees it (used by bench/lsp.sh).

Starts `FACTCHECK lsp --rules BANK`, initializes it (UTF-8 positions), opens DRAFT and
then, ROUNDS times, edits one word of it (a `didChange` by range) and waits for the
diagnostics of that version; then ROUNDS saves (`didSave`, checked at once). For each
edit the time from sending it to receiving its diagnostics, less the server's debounce,
is what the writer waits beyond the pause; for each save it is the whole check.

Prints one line of JSON: the figures in milliseconds and the server's CPU time
(user + system, from /proc) over the edits and over the saves.

    lsp_latency.py FACTCHECK BANK DRAFT [ROUNDS] [DEBOUNCE_MS]
"""

import json
import os
import select
import statistics
import subprocess
import sys
import time
from pathlib import Path

WAIT_S = 600.0  # the first open loads the bank; later answers are far quicker


def cpu_seconds(pid):
    """User + system CPU seconds of a process so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    hz = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / hz


class Server:
    def __init__(self, binary, bank):
        self.proc = subprocess.Popen(
            [binary, "lsp", "--rules", bank],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self.buffer = b""
        self.next_id = 1

    def send(self, message):
        body = json.dumps(message).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method, params):
        request_id = self.next_id
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": request_id, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == request_id and "method" not in m)

    def read(self, deadline):
        """The next message, or an exception once the deadline passes."""
        fd = self.proc.stdout.fileno()
        while True:
            header_end = self.buffer.find(b"\r\n\r\n")
            if header_end >= 0:
                length = None
                for line in self.buffer[:header_end].split(b"\r\n"):
                    if line.lower().startswith(b"content-length:"):
                        length = int(line.split(b":", 1)[1])
                start = header_end + 4
                if length is not None and len(self.buffer) >= start + length:
                    body = self.buffer[start : start + length]
                    self.buffer = self.buffer[start + length :]
                    return json.loads(body)
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                raise TimeoutError("no answer from the server")
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                raise EOFError("the server closed its output")
            self.buffer += chunk

    def wait(self, wanted):
        deadline = time.monotonic() + WAIT_S
        while True:
            message = self.read(deadline)
            if wanted(message):
                return message

    def diagnostics(self, uri, version):
        return self.wait(
            lambda m: m.get("method") == "textDocument/publishDiagnostics"
            and m["params"]["uri"] == uri
            and m["params"].get("version") == version
        )["params"]["diagnostics"]


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main():
    binary, bank, draft = sys.argv[1], sys.argv[2], Path(sys.argv[3]).resolve()
    rounds = int(sys.argv[4]) if len(sys.argv) > 4 else 50
    debounce_ms = float(sys.argv[5]) if len(sys.argv) > 5 else 200.0
    text = draft.read_text()
    uri = draft.as_uri()
    server = Server(binary, bank)
    pid = server.proc.pid

    server.request(
        "initialize",
        {
            "processId": os.getpid(),
            "rootUri": draft.parent.as_uri(),
            "capabilities": {"general": {"positionEncodings": ["utf-8"]}},
        },
    )
    server.notify("initialized", {})
    started = time.monotonic()
    server.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}},
    )
    first = server.diagnostics(uri, 1)
    open_ms = (time.monotonic() - started) * 1000

    # Each edit swaps the draft's first word between two spellings of the same length.
    first_line_end = text.find("\n")
    word_end = text.find(" ")
    assert 0 < word_end < first_line_end, "the draft starts with a word"
    words = [text[:word_end], "X" * word_end]
    version = 1
    edits = []
    cpu_before = cpu_seconds(pid)
    for round_ in range(rounds):
        version += 1
        new = words[round_ % 2 == 0]
        sent = time.monotonic()
        server.notify(
            "textDocument/didChange",
            {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [
                    {
                        "range": {
                            "start": {"line": 0, "character": 0},
                            "end": {"line": 0, "character": word_end},
                        },
                        "text": new,
                    }
                ],
            },
        )
        server.diagnostics(uri, version)
        edits.append((time.monotonic() - sent) * 1000 - debounce_ms)
    edit_cpu_ms = (cpu_seconds(pid) - cpu_before) * 1000 / rounds

    saves = []
    cpu_before = cpu_seconds(pid)
    for _ in range(rounds):
        sent = time.monotonic()
        server.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
        server.diagnostics(uri, version)
        saves.append((time.monotonic() - sent) * 1000)
    save_cpu_ms = (cpu_seconds(pid) - cpu_before) * 1000 / rounds

    server.request("shutdown", None)
    server.notify("exit", None)
    code = server.proc.wait(timeout=60)

    print(
        json.dumps(
            {
                "words": len(text.split()),
                "diagnostics": len(first),
                "open_ms": round(open_ms),
                "rounds": rounds,
                "edit_after_debounce_ms": {
                    "median": round(statistics.median(edits), 1),
                    "p95": round(percentile(edits, 95), 1),
                    "max": round(max(edits), 1),
                },
                "edit_cpu_ms": round(edit_cpu_ms, 1),
                "save_ms": {
                    "median": round(statistics.median(saves), 1),
                    "p95": round(percentile(saves, 95), 1),
                    "max": round(max(saves), 1),
                },
                "save_cpu_ms": round(save_cpu_ms, 1),
                "exit_code": code,
            }
        )
    )


if __name__ == "__main__":
    main()
