#!/usr/bin/env bash
# Instructions of one run of each build stage on the Swedish example deck,
# counted by callgrind (stable on a busy machine, unlike wall-clock time):
# (count with 20 runs − count with 0 runs) / 20, so set-up is not counted.
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
[ ${#stages[@]} -gt 0 ] || stages=(load lower check fit html pdf pptx)
printf '%-6s %14s\n' stage instructions
for s in "${stages[@]}"; do
  zero=$(count "$s" 0)
  twenty=$(count "$s" 20)
  printf '%-6s %14d\n' "$s" $(((twenty - zero) / 20))
done
