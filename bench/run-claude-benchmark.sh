#!/usr/bin/env bash
# Benchmarks ValueMeter against ccusage on a generated Claude Code log corpus.
#
# Generates the corpus when it is missing, then runs each measured command --runs
# times under GNU time -v, side by side in every run:
#   vm-import   ./valuemeter import --quiet --db <new ledger> <corpus>/projects
#   vm-report   ./valuemeter report --quiet --db <same ledger> --by day --format json --tz UTC
#   vm-oneshot  ./valuemeter report --quiet <corpus>/projects --by day --format json --tz UTC
#   ccusage     CLAUDE_CONFIG_DIR=<corpus> ccusage claude daily --json --offline --timezone UTC
# After the runs it records untimed cross-checks (ccusage --mode calculate and
# display, and a ValueMeter report limited to records with a timestamp) and writes
# summary.md and summary.json into the results folder.
#
# ./valuemeter above is a copy of the launcher and of the jar that it built from the
# work tree, made once before the runs (see freeze_valuemeter).
#
# JVM options come from VALUEMETER_JAVA_OPTS, as in the launcher (default -Xmx160m -XX:+UseSerialGC).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ccusage_version="20.0.24"
peer_dir="$root/bench/.peer"
ccusage="$peer_dir/node_modules/.bin/ccusage"

size_mb=1024
runs=3
seed=1
source_dir="$root/../shared/data/claude-code"
corpus=""
results=""

usage() {
  cat <<EOF
Usage: bench/run-claude-benchmark.sh [--size-mb N] [--runs N] [--seed N]
                                     [--source DIR] [--corpus DIR] [--results DIR]
  --size-mb N    corpus size in MB (2^20 bytes) when it has to be generated (default: $size_mb)
  --runs N       measured runs of each command (default: $runs)
  --seed N       generator seed (default: $seed)
  --source DIR   folder of real Claude Code *.jsonl logs to replicate (default: $source_dir)
  --corpus DIR   corpus folder, used as CLAUDE_CONFIG_DIR (default: bench/corpus/claude-<size>mb)
  --results DIR  output folder for timings and reports (default: bench/results/claude-<size>mb)
EOF
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    --size-mb) size_mb="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --source) source_dir="$2"; shift 2 ;;
    --corpus) corpus="$2"; shift 2 ;;
    --results) results="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run-claude-benchmark: unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
done
if ! [[ "$runs" =~ ^[1-9][0-9]*$ ]]; then
  echo "run-claude-benchmark: --runs must be a positive integer, got '$runs'" >&2
  exit 2
fi
corpus="${corpus:-$root/bench/corpus/claude-${size_mb}mb}"
results="${results:-$root/bench/results/claude-${size_mb}mb}"

log() { echo "run-claude-benchmark: $*" >&2; }

install_tools() {
  local packages=()
  if ! /usr/bin/time -v true >/dev/null 2>&1; then packages+=(time); fi
  if ! command -v jq >/dev/null; then packages+=(jq); fi
  if [[ ${#packages[@]} -gt 0 ]]; then
    log "installing ${packages[*]} with apt-get"
    apt-get update -q >&2
    apt-get install -y -q "${packages[@]}" >&2
  fi
  if [[ ! -x "$ccusage" ]] || [[ "$("$ccusage" --version 2>/dev/null)" != *"$ccusage_version"* ]]; then
    log "installing ccusage $ccusage_version into $peer_dir"
    npm install --prefix "$peer_dir" "ccusage@$ccusage_version" "@ccusage/ccusage-linux-x64@$ccusage_version" >&2
  fi
}

generate_corpus() {
  if [[ -f "$corpus/corpus-stats.json" ]]; then
    log "using the corpus in $corpus"
    return
  fi
  log "generating a ${size_mb} MB corpus in $corpus"
  python3 "$root/bench/generate-claude-corpus.py" \
    --source "$source_dir" --out "$corpus" --size-mb "$size_mb" --seed "$seed" >&2
}

# Builds the jar in the work tree, then copies the launcher and the jar into
# $snapshot_dir and checks that the copy runs. Measurements use that copy, so a rebuild
# in the work tree (someone editing sources) cannot replace the jar under a running
# JVM. The copy has the work tree's layout and an up-to-date jar, so the unchanged
# launcher finds nothing to rebuild and runs the jar as it does in the work tree.
freeze_valuemeter() {
  local attempt
  for attempt in 1 2 3 4 5; do
    if ! "$root/valuemeter" --version >/dev/null; then
      log "./valuemeter --version failed (attempt $attempt); the work tree may be mid-build, retrying"
      sleep 30
      continue
    fi
    rm -rf "$snapshot_dir"
    mkdir -p "$snapshot_dir/valuemeter-core" "$snapshot_dir/valuemeter-app/target"
    cp "$root/valuemeter" "$root/pom.xml" "$snapshot_dir/"
    cp "$root/valuemeter-app/target/valuemeter.jar" "$snapshot_dir/valuemeter-app/target/"
    touch "$snapshot_dir/valuemeter-app/target/valuemeter.jar"
    if "$snapshot_dir/valuemeter" --version >/dev/null 2>&1; then
      return
    fi
    log "the copied jar does not run (attempt $attempt); a build was probably writing it, retrying"
    sleep 30
  done
  log "could not copy a working jar from $root/valuemeter-app/target; run ./valuemeter --version to see why"
  exit 1
}

# Runs one measured command: run_step NAME STDOUT_FILE COMMAND... writes NAME.time and
# NAME.err in the current run folder and fails the benchmark when the command fails.
run_step() {
  local name="$1" stdout_file="$2"
  shift 2
  # Other work on the machine slows the measured command down, so the load is recorded with it.
  echo "$name $(cut -d' ' -f1-3 /proc/loadavg)" >>"$run_dir/loadavg.txt"
  if ! /usr/bin/time -v -o "$run_dir/$name.time" "$@" >"$stdout_file" 2>"$run_dir/$name.err"; then
    log "$name failed: $*"
    tail -n 20 "$run_dir/$name.err" >&2
    exit 1
  fi
  if grep -q "valuemeter: building" "$run_dir/$name.err"; then
    log "$name: the launcher built the jar inside the measurement; see $run_dir/$name.err"
    exit 1
  fi
}

install_tools
generate_corpus
corpus_bytes="$(find "$corpus/projects" -type f -name '*.jsonl' -printf '%s\n' | awk '{ sum += $1 } END { print sum }')"
log "corpus: $corpus_bytes bytes in $(find "$corpus/projects" -type f -name '*.jsonl' | wc -l) files"

rm -rf "$results"
mkdir -p "$results/extra"
work_dir="$(mktemp -d)"
ledger="$work_dir/ledger.duckdb"
snapshot_dir="$work_dir/valuemeter"
valuemeter="$snapshot_dir/valuemeter"
trap 'rm -rf "$work_dir"' EXIT

freeze_valuemeter
sha256sum "$snapshot_dir/valuemeter-app/target/valuemeter.jar" | cut -d' ' -f1 >"$results/jar-sha256.txt"
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "nproc: $(nproc)"
  echo "memory: $(free -m | awk '/^Mem:/ { print $2 " MB" }')"
  echo "java: $(java -version 2>&1 | head -n 1)"
  echo "VALUEMETER_JAVA_OPTS: ${VALUEMETER_JAVA_OPTS:-(unset, launcher default -Xmx160m -XX:+UseSerialGC)}"
  echo "valuemeter: $("$valuemeter" --version | head -n 1), jar sha256 $(cat "$results/jar-sha256.txt")"
  echo "ccusage: $("$ccusage" --version)"
  echo "node: $(node --version)"
  echo "corpus: $corpus ($corpus_bytes bytes)"
} >"$results/environment.txt"
cat "$results/environment.txt" >&2

# Reads the corpus once so that every measured run finds it in the page cache.
log "warming the page cache"
find "$corpus/projects" -type f -name '*.jsonl' -exec cat {} + >/dev/null

export TZ=UTC
for run in $(seq 1 "$runs"); do
  run_dir="$results/run-$run"
  mkdir -p "$run_dir"
  log "run $run of $runs"

  rm -f "$ledger" "$ledger.wal"
  run_step vm-import "$run_dir/vm-import.txt" \
    "$valuemeter" import --quiet --db "$ledger" "$corpus/projects"
  du -b "$ledger" | cut -f1 >"$run_dir/ledger-bytes.txt"
  run_step vm-report "$run_dir/vm-report.json" \
    "$valuemeter" report --quiet --db "$ledger" --by day --format json --tz UTC
  run_step vm-oneshot "$run_dir/vm-oneshot.json" \
    "$valuemeter" report --quiet "$corpus/projects" --by day --format json --tz UTC
  run_step ccusage "$run_dir/ccusage.json" \
    env CLAUDE_CONFIG_DIR="$corpus" "$ccusage" claude daily --json --offline --timezone UTC

  for step in vm-import vm-report vm-oneshot ccusage; do
    awk -v step="$step" '/Elapsed \(wall clock\)/ { wall = $NF } /Maximum resident set size/ { rss = $NF }
      END { printf "  %-10s wall %s  peak RSS %.0f MB\n", step, wall, rss / 1024 }' "$run_dir/$step.time" >&2
  done
done

log "untimed cross-checks"
"$valuemeter" report --quiet --db "$ledger" --since 1970-01-01 --format json --tz UTC \
  >"$results/extra/vm-report-since.json"
"$valuemeter" report --quiet --db "$ledger" --by model --format json --tz UTC \
  >"$results/extra/vm-report-by-model.json"
for mode in calculate display; do
  CLAUDE_CONFIG_DIR="$corpus" "$ccusage" claude daily --json --offline --timezone UTC --mode "$mode" \
    >"$results/extra/ccusage-$mode.json"
done

python3 "$root/bench/summarize-claude-benchmark.py" "$results" "$corpus"
