#!/usr/bin/env bash
# Instructions of one run of each build stage on the Swedish example deck,
# counted by callgrind (stable on a busy machine, unlike wall-clock time):
# (count with 20 runs − count with 0 runs) / 20, so set-up is not counted.
# `first` is (count with 1 run − count with 0 runs): the first run in a
# process, which also pays for what is cached for the rest (parsed fonts,
# shaped words), as a `pitchdeck build` does once.
# Stages: load lower check fit html pdf (the handout) brief slides pptx.
# Needs valgrind. `benches/instructions.sh [STAGE…]`; DECK=social-media.en.toml
# (a file in decks/) counts another deck.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --example stage -q
bin="${CARGO_TARGET_DIR:-target}/release/examples/stage"
count() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" "$1" "$2" "${DECK:-social-media.sv.toml}" 2>&1 |
    sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
stages=("$@")
[ ${#stages[@]} -gt 0 ] || stages=(load lower check fit html pdf brief slides pptx)
printf '%-6s %14s %14s\n' stage instructions first
for s in "${stages[@]}"; do
  zero=$(count "$s" 0)
  one=$(count "$s" 1)
  twenty=$(count "$s" 20)
  printf '%-6s %14d %14d\n' "$s" $(((twenty - zero) / 20)) $((one - zero))
done
