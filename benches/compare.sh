#!/usr/bin/env bash
# Times pitchdeck against Marp and pandoc on the same content, each tool as a
# whole process: median wall time with hyperfine, peak memory with GNU time.
# HTML, PDF and PowerPoint (pitchdeck --pptx-only against pandoc -t pptx).
# Prints a Markdown table and the ratios. Not part of the test command.
#
#   benches/compare.sh                 # decks of 14, 100 and 1000 slides
#   SIZES="14" RUNS=20 benches/compare.sh
#   NO_LATEX=1 benches/compare.sh      # skip pandoc's beamer PDF (no TeX Live)
#   ONLY=pitchdeck benches/compare.sh  # time pitchdeck alone (ONLY=marp, ONLY=pandoc)
#   NO_REVEAL=1 benches/compare.sh     # skip pandoc's reveal.js HTML (no npm)
#   ONLY="pitchdeck pandoc" NO_LATEX=1 NO_REVEAL=1 benches/compare.sh   # PPTX against pandoc, installs nothing big
#
# Installs what is missing: hyperfine, time, pandoc and TeX Live (for beamer)
# from Debian; Marp CLI 4 and reveal.js 4 from npm into benches/.tools
# (ignored by git). Work files go to benches/.work (ignored).
# See docs/performance.md for a run's results and how to read them.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
TOOLS="$ROOT/benches/.tools"
WORK="$ROOT/benches/.work"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
SIZES="${SIZES:-14 100 1000}"
RUNS="${RUNS:-30}"          # runs for tools that take well under a second
SLOW_RUNS="${SLOW_RUNS:-5}" # runs for tools that take a second or more
ONLY="${ONLY:-}"
wanted() { [ -z "$ONLY" ] || [[ " $ONLY " == *" $1 "* ]]; }
mkdir -p "$TOOLS" "$WORK"

say() { printf '%s\n' "$*" >&2; }

apt_install() {
  say "installing from Debian: $*"
  if [ "$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$@" >&2
}

command -v hyperfine >/dev/null || apt_install hyperfine
[ -x /usr/bin/time ] || apt_install time
command -v pandoc >/dev/null || apt_install pandoc
if wanted pandoc && [ -z "${NO_LATEX:-}" ] && ! { kpsewhich beamer.cls && kpsewhich pgfmath.sty; } >/dev/null 2>&1; then
  # About 55 MB to download, 230 MB installed: beamer, pgf, the fonts they need.
  apt_install texlive-latex-recommended texlive-pictures texlive-fonts-recommended lmodern
fi
if { wanted marp || { wanted pandoc && [ -z "${NO_REVEAL:-}" ]; }; } && { [ ! -x "$TOOLS/node_modules/.bin/marp" ] || [ ! -d "$TOOLS/node_modules/reveal.js/dist" ]; }; then
  say "installing Marp CLI 4 and reveal.js 4 from npm into $TOOLS"
  npm install --no-audit --no-fund --silent --prefix "$TOOLS" @marp-team/marp-cli@4 reveal.js@4 >&2
fi
MARP="$TOOLS/node_modules/.bin/marp"
REVEAL="$TOOLS/node_modules/reveal.js"
# Marp renders PDF through Chromium; puppeteer adds --no-sandbox itself when
# run as root, so only the browser's path is needed.
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"

say "building pitchdeck (release) and the deck generator"
(cd "$ROOT" && cargo build --release --quiet --bin pitchdeck --example gen_deck)
PD="$TARGET/release/pitchdeck"
GEN="$TARGET/release/examples/gen_deck"

# pitchdeck's watch (save to rebuilt file) and lsp (change to diagnostics)
# latencies are timed too, after the table, unless NO_LATENCY is set.
# Does this pitchdeck make a PDF handout? (the PDF back end adds `build --pdf`)
HAS_PDF=
if "$PD" build --help 2>/dev/null | grep -q -- '--pdf'; then HAS_PDF=1; fi
# And a PowerPoint file? (the PPTX back end adds `build --pptx-only`)
HAS_PPTX=
if "$PD" build --help 2>/dev/null | grep -q -- '--pptx-only'; then HAS_PPTX=1; fi

RESULTS="$WORK/results.tsv"
: >"$RESULTS"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

# measure NAME DECK RUNS COMMAND...: median wall ms (hyperfine) and peak RSS MiB (GNU time).
measure() {
  local name=$1 deck=$2 runs=$3
  shift 3
  local csv="$WORK/hf.csv"
  say "timing: $name ($deck)"
  # A tool that takes a second or more on this deck gets SLOW_RUNS runs
  # (pandoc's PPTX of 1000 slides takes about 40 s a run).
  if [ "$runs" -gt "$SLOW_RUNS" ]; then
    local t0 t1
    t0=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true
    t1=$(date +%s%N)
    if [ $(((t1 - t0) / 1000000)) -ge 1000 ]; then runs=$SLOW_RUNS; fi
  fi
  local warmup=1
  if [ "$runs" -ge 10 ]; then warmup=3; fi
  hyperfine -N --style none --warmup "$warmup" --runs "$runs" --export-csv "$csv" -- "$(printf '%q ' "$@")" >/dev/null
  local median cpu
  median=$(awk -F, 'NR==2 { printf "%.1f", $4 * 1000 }' "$csv")
  cpu=$(awk -F, 'NR==2 { printf "%.1f", ($5 + $6) * 1000 }' "$csv")
  local rss
  rss=$( (/usr/bin/time -v "$@" >/dev/null) 2>&1 | awk -F: '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }')
  printf '%s\t%s\t%s\t%s\t%s\n' "$deck" "$name" "$median" "$rss" "$cpu" >>"$RESULTS"
}

# The real example deck (Swedish, 14 slides, one image), pitchdeck only: the
# Markdown tools get the generated deck of the same length.
if wanted pitchdeck; then
  # The floor: starting a process that does nothing, and pitchdeck doing nothing.
  measure "a process that does nothing (/bin/true)" "floor" "$RUNS" /bin/true
  measure "pitchdeck --version" "floor" "$RUNS" "$PD" --version
  measure "pitchdeck HTML" "example (sv)" "$RUNS" "$PD" build "$ROOT/decks/social-media.sv.toml" -o "$WORK/example.html"
  if [ -n "$HAS_PDF" ]; then
    measure "pitchdeck HTML + PDF" "example (sv)" "$RUNS" "$PD" build "$ROOT/decks/social-media.sv.toml" -o "$WORK/example.html" --pdf
  fi
  if [ -n "$HAS_PPTX" ]; then
    measure "pitchdeck PPTX" "example (sv)" "$RUNS" "$PD" build "$ROOT/decks/social-media.sv.toml" --pptx-only -o "$WORK/example.pptx"
    measure "pitchdeck HTML + PDF + PPTX" "example (sv)" "$RUNS" "$PD" build "$ROOT/decks/social-media.sv.toml" -o "$WORK/example.html" --pdf --pptx
  fi
fi

for n in $SIZES; do
  d="$WORK/gen-$n"
  mkdir -p "$d"
  "$GEN" "$n" toml >"$d/deck.toml"
  "$GEN" "$n" marp >"$d/marp.md"
  "$GEN" "$n" pandoc >"$d/pandoc.md"
  deck="$n slides"

  if wanted pitchdeck; then
    measure "pitchdeck HTML" "$deck" "$RUNS" "$PD" build "$d/deck.toml" -o "$d/pitchdeck.html"
    if [ -n "$HAS_PDF" ]; then
      measure "pitchdeck HTML + PDF" "$deck" "$RUNS" "$PD" build "$d/deck.toml" -o "$d/pitchdeck.html" --pdf
    fi
    if [ -n "$HAS_PPTX" ]; then
      measure "pitchdeck PPTX" "$deck" "$RUNS" "$PD" build "$d/deck.toml" --pptx-only -o "$d/pitchdeck.pptx"
      measure "pitchdeck HTML + PDF + PPTX" "$deck" "$RUNS" "$PD" build "$d/deck.toml" -o "$d/pitchdeck.html" --pdf --pptx
    fi
  fi
  if wanted marp; then
    measure "Marp HTML" "$deck" "$SLOW_RUNS" "$MARP" "$d/marp.md" -o "$d/marp.html"
    measure "Marp PDF" "$deck" "$SLOW_RUNS" "$MARP" --pdf --pdf-notes "$d/marp.md" -o "$d/marp.pdf"
  fi
  if wanted pandoc; then
    if [ -z "${NO_REVEAL:-}" ]; then
      measure "pandoc reveal.js HTML (links reveal.js)" "$deck" "$RUNS" \
        pandoc "$d/pandoc.md" -s -t revealjs --slide-level=2 -V "revealjs-url=$REVEAL" -o "$d/pandoc.html"
      measure "pandoc reveal.js HTML (self-contained)" "$deck" "$SLOW_RUNS" \
        pandoc "$d/pandoc.md" -s -t revealjs --slide-level=2 -V "revealjs-url=$REVEAL" --self-contained -o "$d/pandoc-sc.html"
    fi
    measure "pandoc PPTX" "$deck" "$RUNS" \
      pandoc "$d/pandoc.md" -t pptx --slide-level=2 -o "$d/pandoc.pptx"
    if kpsewhich beamer.cls >/dev/null 2>&1; then
      measure "pandoc beamer PDF" "$deck" "$SLOW_RUNS" \
        pandoc "$d/pandoc.md" -t beamer --slide-level=2 -o "$d/pandoc.pdf"
    fi
  fi
done

# The table, then each other tool's time as a multiple of pitchdeck's (same
# deck; HTML against HTML, PDF against pitchdeck's HTML + PDF, PPTX against
# pitchdeck's PPTX).
{
  echo "Date: $(date -u '+%Y-%m-%d %H:%M UTC'); machine: $(nproc) cores, $(awk -F: '/model name/ { print $2; exit }' /proc/cpuinfo | sed 's/^ *//'); load average before: $LOAD_BEFORE, after: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "pitchdeck $("$PD" --version | cut -d' ' -f2), $(if [ -x "$MARP" ]; then "$MARP" --version | head -1; else echo "no Marp"; fi), $(pandoc --version | head -1)"
  echo
  echo "| deck | tool | median wall | × pitchdeck | CPU (user+sys) | peak RSS |"
  echo "|---|---|---:|---:|---:|---:|"
  awk -F'\t' '
    { deck[NR]=$1; tool[NR]=$2; ms[NR]=$3; rss[NR]=$4; cpu[NR]=$5
      if ($2 == "pitchdeck HTML") html[$1]=$3
      if ($2 == "pitchdeck HTML + PDF") pdf[$1]=$3
      if ($2 == "pitchdeck PPTX") pptx[$1]=$3 }
    END {
      for (i = 1; i <= NR; i++) {
        base = (tool[i] ~ /PDF/ && (deck[i] in pdf)) ? pdf[deck[i]] : html[deck[i]]
        if (tool[i] ~ /PPTX/ && (deck[i] in pptx)) base = pptx[deck[i]]
        ratio = (base > 0) ? sprintf("%.0f×", ms[i] / base) : "–"
        if (tool[i] ~ /^pitchdeck/) ratio = "1×"
        if (deck[i] == "floor") ratio = "–"
        printf "| %s | %s | %s ms | %s | %s ms | %s MiB |\n", deck[i], tool[i], ms[i], ratio, cpu[i], rss[i]
      }
    }' "$RESULTS"
  if [ -z "$HAS_PDF" ]; then
    echo
    echo "(This pitchdeck has no \`build --pdf\` yet: PDF rows are compared with its HTML time.)"
  fi
  if wanted pitchdeck && [ -z "${NO_LATENCY:-}" ]; then
    echo
    echo "- $(python3 "$ROOT/benches/watch_latency.py" "$PD" "$ROOT/decks/social-media.sv.toml" 15)"
    echo "- lsp, didChange to publishDiagnostics: $(python3 "$ROOT/benches/lsp_latency.py" "$PD" "$ROOT/decks/social-media.sv.toml" 200)"
  fi
} | tee "$WORK/table.md"
