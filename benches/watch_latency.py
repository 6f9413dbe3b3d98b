#!/usr/bin/env python3
"""Save-to-disk latency of `pitchdeck watch`: from the moment an edited deck
file is closed to the moment the rebuilt HTML with the edit is on disk.

    benches/watch_latency.py PITCHDECK DECK.toml [RUNS]

Copies the deck's folder to a temporary one, starts `pitchdeck watch` on the
copy, then RUNS times changes the title (rewriting the file in place, as most
editors do), and polls the output every 0.2 ms until the new title is in it.
Prints the median, the fastest and the slowest, in milliseconds.
"""

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib


def main() -> int:
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    pitchdeck, deck = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 20
    work = tempfile.mkdtemp(prefix="pitchdeck-watch-")
    try:
        folder = os.path.join(work, "deck")
        shutil.copytree(os.path.dirname(os.path.abspath(deck)), folder)
        path = os.path.join(folder, os.path.basename(deck))
        out = os.path.join(work, "out.html")
        with open(path, encoding="utf-8") as f:
            original = f.read()
        title = tomllib.loads(original)["deck"]["title"]
        proc = subprocess.Popen(
            [pitchdeck, "watch", path, "-o", out],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        try:
            for line in proc.stdout:
                if line.startswith("serving"):
                    break
            times = []
            for i in range(runs):
                time.sleep(0.4)  # let the watcher go quiet between edits
                marker = f"{title} nr{i:03d}"
                text = original.replace(title, marker, 1)
                with open(path, "w", encoding="utf-8") as f:
                    f.write(text)
                saved = time.perf_counter()
                deadline = saved + 5
                while time.perf_counter() < deadline:
                    try:
                        with open(out, encoding="utf-8") as f:
                            if marker in f.read():
                                break
                    except FileNotFoundError:
                        pass
                    time.sleep(0.0002)
                else:
                    print(f"run {i}: no rebuild within 5 s", file=sys.stderr)
                    return 1
                times.append((time.perf_counter() - saved) * 1000)
            print(
                f"watch save-to-disk latency over {runs} saves: median {statistics.median(times):.1f} ms, "
                f"fastest {min(times):.1f} ms, slowest {max(times):.1f} ms"
            )
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
