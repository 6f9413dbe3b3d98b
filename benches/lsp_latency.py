#!/usr/bin/env python3
"""pitchdeck lsp through the real process: the time from writing a didChange
(the whole text) to the pipe until its publishDiagnostics is read back, N
changes alternating two texts, and the server's CPU time a change.

    benches/lsp_latency.py target/release/pitchdeck decks/social-media.sv.toml 500
"""
import json, os, pathlib, statistics, subprocess, sys, time
binary, deck, n = sys.argv[1], pathlib.Path(sys.argv[2]).resolve(), int(sys.argv[3])
p = subprocess.Popen([binary, 'lsp'], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
def send(m):
    b = json.dumps(m).encode(); p.stdin.write(b'Content-Length: %d\r\n\r\n' % len(b) + b); p.stdin.flush()
def recv():
    n = None
    while True:
        l = p.stdout.readline()
        if l in (b'\r\n', b'\n'): break
        n = int(l.split(b':')[1])
    return json.loads(p.stdout.read(n))
uri = 'file://' + str(deck)
text = deck.read_text(encoding='utf-8')
send({'jsonrpc': '2.0', 'id': 1, 'method': 'initialize', 'params': {'capabilities': {}}}); recv()
send({'jsonrpc': '2.0', 'method': 'textDocument/didOpen', 'params': {'textDocument': {'uri': uri, 'languageId': 'toml', 'version': 1, 'text': text}}}); recv()
texts = [text, text + '\n# ändrad\n']
times = []
for v in range(2, n + 2):
    t0 = time.perf_counter()
    send({'jsonrpc': '2.0', 'method': 'textDocument/didChange', 'params': {'textDocument': {'uri': uri, 'version': v}, 'contentChanges': [{'text': texts[v % 2]}]}})
    m = recv()
    times.append((time.perf_counter() - t0) * 1000)
    assert m['method'] == 'textDocument/publishDiagnostics' and m['params']['version'] == v
f = open(f'/proc/{p.pid}/stat').read().rsplit(')', 1)[1].split()
cpu_ms = (int(f[11]) + int(f[12])) * 1000 / os.sysconf('SC_CLK_TCK') / n
send({'jsonrpc': '2.0', 'id': 2, 'method': 'shutdown'}); recv()
send({'jsonrpc': '2.0', 'method': 'exit'}); p.wait()
times.sort()
print(f'{deck.name}: n={n} median {statistics.median(times):.2f} ms, p90 {times[int(0.9*n)]:.2f} ms, min {times[0]:.2f} ms, max {times[-1]:.2f} ms, exit {p.returncode}, CPU {cpu_ms:.2f} ms a change')
