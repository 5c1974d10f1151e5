#!/usr/bin/env bash
# Benchmarks of aksarc-opa against conftest, in one run on the same files, policies and date
# (docs/performance.md says how to read them). Usage:
#
#   bench/run.sh [section...]     sections: cli (default: cli gobench gator)
#     cli      aksarc-opa check and conftest test on generated dumps: wall time, peak memory, ratios
#     gobench  go test -bench for Evaluate (per object and per kind) and New
#     gator    gator bench on the generated ConstraintTemplates and Constraints (deploy/gatekeeper)
#
# Environment: SIZES (objects per dump, default "1000 10000"), FORMATS (CLI inputs, default
# "yaml list"; conftest always reads the YAML), REPEAT (runs of each measurement, default 3: the
# machine is shared, so the median and the ratio of the same run are what count), CONFTEST
# (0 skips conftest), COUNT (go test -count, default 3), BENCH (go test -bench regexp, default
# "."), BENCHTIME (go test -benchtime, default 1s), CPU (go test -cpu, default "1,$(nproc)"),
# GATOR_ITERATIONS (default 1000),
# WORK (where dumps and binaries go; default a new temp dir, removed at the end unless KEEP=1).
# Dumps are generated (bench/gendump) into WORK, never into the repository.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

sections=("$@")
[ ${#sections[@]} -gt 0 ] || sections=(cli gobench gator)
SIZES=${SIZES:-"1000 10000"}
FORMATS=${FORMATS:-"yaml list"}
REPEAT=${REPEAT:-3}
CONFTEST=${CONFTEST:-1}
COUNT=${COUNT:-3}
BENCH=${BENCH:-.}
BENCHTIME=${BENCHTIME:-1s}
CPU=${CPU:-1,$(nproc)}
GATOR_ITERATIONS=${GATOR_ITERATIONS:-1000}
AS_OF=2025-11-01
if [ -z "${WORK:-}" ]; then
  WORK=$(mktemp -d "${TMPDIR:-/tmp}/aksarc-bench.XXXXXX")
  [ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$WORK"' EXIT
fi
mkdir -p "$WORK/bin"

has() { local s; for s in "${sections[@]}"; do [ "$s" = "$1" ] && return 0; done; return 1; }

echo "# aksarc-opa benchmarks, $(date -u +%Y-%m-%dT%H:%M:%SZ), $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo '+dirty')"
echo "# $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), $(free -g | awk '/Mem:/{print $2}') GiB, load $(cut -d' ' -f1-3 /proc/loadavg), $(go version | cut -d' ' -f3)"
echo "# work dir: $WORK"

build() {
  go build -o "$WORK/bin/aksarc-opa" ./cmd/aksarc-opa
  go build -o "$WORK/bin/gendump" ./bench/gendump
  if [ "$CONFTEST" = 1 ] && has cli; then
    go build -modfile=tools/go.mod -o "$WORK/bin/conftest" github.com/open-policy-agent/conftest
  fi
  if has gator; then
    go build -modfile=tools/go.mod -o "$WORK/bin/gator" github.com/open-policy-agent/gatekeeper/v3/cmd/gator
  fi
}

# measure LABEL CMD...: runs the command REPEAT times (its exit code 0 or 1 is a verdict, not a
# failure) and prints "wall_seconds peak_MiB" of the run with the median wall time.
measure() {
  local label=$1; shift
  local runs=() i out
  for ((i = 1; i <= REPEAT; i++)); do
    out="$WORK/time.$label.$i"
    set +e
    /usr/bin/time -f '%e %M' -o "$out" "$@" >/dev/null 2>"$WORK/stderr.$label"
    local rc=$?
    set -e
    if [ $rc -gt 1 ]; then
      echo "error: $label exited $rc:" >&2; tail -n 5 "$WORK/stderr.$label" >&2; exit 1
    fi
    runs+=("$(tail -n 1 "$out")")
  done
  printf '%s\n' "${runs[@]}" | sort -n | awk -v n="${#runs[@]}" 'NR == int((n + 1) / 2) { printf "%s %.0f\n", $1, $2 / 1024 }'
}

cli() {
  printf 'aksarc_settings:\n  asOf: "%s"\n' "$AS_OF" >"$WORK/settings.yaml"
  echo
  echo "## aksarc-opa check vs conftest test (median of $REPEAT runs; as of $AS_OF, same settings file)"
  echo
  printf '| objects | input | MB | aksarc-opa s | aksarc-opa MiB | objects/s | conftest s | conftest MiB | time ratio | memory ratio |\n'
  printf '|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|\n'
  local n format file mb a c
  for n in $SIZES; do
    for format in $FORMATS; do
      case $format in
        yaml) file="$WORK/dump-$n.yaml" ;;
        list) file="$WORK/dump-$n.json" ;;
        dir) file="$WORK/dump-$n.d" ;;
      esac
      [ -e "$file" ] || "$WORK/bin/gendump" -n "$n" -format "$format" -o "$file"
      mb=$(du -sm "$file" | cut -f1)
      read -r a_s a_m < <(measure "cli-$n-$format" "$WORK/bin/aksarc-opa" check --data "$WORK/settings.yaml" -o json "$file")
      if [ "$CONFTEST" = 1 ] && [ "$format" = yaml ]; then
        read -r c_s c_m < <(measure "conftest-$n" "$WORK/bin/conftest" test --no-color -o json --policy policies/ \
          --namespace aksarc.conftest --data "$WORK/settings.yaml" "$file")
        printf '| %s | %s | %s | %s | %s | %.0f | %s | %s | %.1fx | %.1fx |\n' "$n" "$format" "$mb" "$a_s" "$a_m" \
          "$(echo "$n / $a_s" | bc -l)" "$c_s" "$c_m" "$(echo "$c_s / $a_s" | bc -l)" "$(echo "$c_m / $a_m" | bc -l)"
      else
        printf '| %s | %s | %s | %s | %s | %.0f | | | | |\n' "$n" "$format" "$mb" "$a_s" "$a_m" "$(echo "$n / $a_s" | bc -l)"
      fi
    done
  done
}

gobench() {
  echo
  echo "## go test -bench (evaluator; -bench '$BENCH' -benchtime $BENCHTIME -cpu $CPU -count $COUNT)"
  echo
  go test -run '^$' -bench "$BENCH" -benchtime "$BENCHTIME" -cpu "$CPU" -benchmem -count "$COUNT" ./evaluator/ |
    grep -E '^(Benchmark|cpu|ok)' | sed 's/^/    /'
}

gator() {
  echo
  echo "## gator bench (deploy/gatekeeper templates and Constraints, rego engine, $GATOR_ITERATIONS iterations)"
  echo
  local dir="$WORK/gator"
  rm -rf "$dir" && mkdir -p "$dir"
  cp deploy/gatekeeper/templates/*.yaml deploy/gatekeeper/constraints/*.yaml "$dir/"
  # One object of each kind a cluster dump holds (the snapshot is audited, not admitted).
  "$WORK/bin/gendump" -n 300 -o "$WORK/gator-objects.yaml"
  awk -v RS='\n---\n' -v ORS='\n---\n' '
    { k = $0; sub(/.*\nkind: /, "", k); sub(/\n.*/, "", k); if (!(k in seen) && k != "ClusterSnapshot") { seen[k] = 1; print } }
  ' "$WORK/gator-objects.yaml" >"$dir/resources.yaml"
  "$WORK/bin/gator" bench --engine rego --iterations "$GATOR_ITERATIONS" --filename "$dir" 2>&1 | sed 's/^/    /'
}

build
has cli && cli
has gobench && gobench
has gator && gator
exit 0
