#!/usr/bin/env bash
# Benchmarks of aksarc-opa against conftest, in one run on the same files, policies and date
# (docs/performance.md says how to read them). Usage:
#
#   bench/run.sh [section...]     sections: cli (default: cli gobench gator)
#     cli      aksarc-opa check and conftest test on generated dumps: wall time, peak memory, ratios
#     gobench  go test -bench for Evaluate (per object and per kind) and New
#     gator    gator bench on the generated ConstraintTemplates and Constraints (deploy/gatekeeper)
#
# Environment: SIZES (objects per dump, default "1000 10000"; 100000 with CONFTEST=0, as conftest
# would need about 20 GB), FORMATS (CLI inputs, default
# "yaml list"; conftest always reads the YAML), REPEAT (runs of each measurement, default 3: the
# machine is shared, so the median and the ratio of the same run are what count), CONFTEST
# (0 skips conftest), COUNT (go test -count, default 3), BENCH (go test -bench regexp, default
# "."), BENCHTIME (go test -benchtime, default 1s), CPU (go test -cpu, default "1,$(nproc)"),
# GATOR_ITERATIONS (default 1000),
# WORK (where dumps and binaries go; default a new temp dir, removed at the end unless KEEP=1),
# BASELINE (a git revision: its aksarc-opa and its policies under conftest are measured in the
# same run, before each measurement of this tree, so that before and after share the machine's
# load; the report shows the speed-up over it).
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
  if [ -n "${BASELINE:-}" ]; then
    rm -rf "$WORK/baseline" && mkdir -p "$WORK/baseline"
    git archive "$BASELINE" | tar -x -C "$WORK/baseline"
    (cd "$WORK/baseline" && go build -o "$WORK/bin/aksarc-opa-baseline" ./cmd/aksarc-opa)
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
    /usr/bin/time -f '%e %M' -o "$out" "$@" >"$WORK/stdout.$label" 2>"$WORK/stderr.$label"
    local rc=$?
    set -e
    if [ $rc -gt 1 ]; then
      echo "error: $label exited $rc:" >&2; tail -n 5 "$WORK/stderr.$label" >&2; exit 1
    fi
    runs+=("$(tail -n 1 "$out")")
  done
  printf '%s\n' "${runs[@]}" | sort -n | awk -v n="${#runs[@]}" 'NR == int((n + 1) / 2) { printf "%s %.0f\n", $1, $2 / 1024 }'
}

# judged LABEL: the measured conftest run must have reported findings (the dump holds some); a
# run that judged nothing (a namespace with no deny or warn rule: conftest then passes with 0
# tests) would measure conftest reading the file, not the policies.
judged() {
  if ! grep -q '"msg"' "$WORK/stdout.$1"; then
    echo "error: $1 reported no finding: conftest judged nothing (check its --namespace)" >&2; exit 1
  fi
}

cli() {
  printf 'aksarc_settings:\n  asOf: "%s"\n' "$AS_OF" >"$WORK/settings.yaml"
  local base_cols='' base_sep=''
  if [ -n "${BASELINE:-}" ]; then
    base_cols=" $BASELINE s | $BASELINE MiB | speed-up |"
    base_sep='---:|---:|---:|'
  fi
  echo
  echo "## aksarc-opa check vs conftest test (median of $REPEAT runs; as of $AS_OF, same settings file)"
  echo
  printf '| objects | input | MB |%s aksarc-opa s | aksarc-opa MiB | objects/s | conftest s | conftest MiB | time ratio | memory ratio |\n' "$base_cols"
  printf '|---:|---|---:|%s---:|---:|---:|---:|---:|---:|---:|\n' "$base_sep"
  local n format file mb a_s a_m b_s b_m c_s c_m base conf limit
  for n in $SIZES; do
    for format in $FORMATS; do
      case $format in
        yaml) file="$WORK/dump-$n.yaml" ;;
        list) file="$WORK/dump-$n.json" ;;
        dir) file="$WORK/dump-$n.d" ;;
      esac
      [ -e "$file" ] || "$WORK/bin/gendump" -n "$n" -format "$format" -o "$file"
      mb=$(du -sm "$file" | cut -f1)
      # A file over the default input limit (256 MiB: the JSON List of 100,000 objects) is
      # read with a limit that fits it, as a user would have to.
      limit=''
      [ "$mb" -lt 250 ] || limit="--max-input-size $((mb * 2))MiB"
      base=''
      if [ -n "${BASELINE:-}" ]; then
        read -r b_s b_m < <(measure "base-$n-$format" "$WORK/bin/aksarc-opa-baseline" check $limit --data "$WORK/settings.yaml" -o json "$file")
      fi
      read -r a_s a_m < <(measure "cli-$n-$format" "$WORK/bin/aksarc-opa" check $limit --data "$WORK/settings.yaml" -o json "$file")
      if [ -n "${BASELINE:-}" ]; then
        base=$(printf ' %s | %s | %.1fx |' "$b_s" "$b_m" "$(echo "$b_s / $a_s" | bc -l)")
      fi
      conf=' | | | |'
      if [ "$CONFTEST" = 1 ] && [ "$format" = yaml ]; then
        if [ -n "${BASELINE:-}" ]; then
          read -r cb_s cb_m < <(measure "conftest-base-$n" "$WORK/bin/conftest" test --no-color -o json --policy "$WORK/baseline/policies/" \
            --data "$WORK/settings.yaml" "$file")
          judged "conftest-base-$n"
          echo "conftest on the $BASELINE policies, $n objects: $cb_s s, $cb_m MiB" >>"$WORK/baseline-conftest.txt"
        fi
        read -r c_s c_m < <(measure "conftest-$n" "$WORK/bin/conftest" test --no-color -o json --policy policies/ \
          --data "$WORK/settings.yaml" "$file")
        judged "conftest-$n"
        conf=$(printf ' %s | %s | %.1fx | %.1fx |' "$c_s" "$c_m" "$(echo "$c_s / $a_s" | bc -l)" "$(echo "$c_m / $a_m" | bc -l)")
      fi
      printf '| %s | %s | %s |%s %s | %s | %.0f |%s\n' "$n" "$format" "$mb" "$base" "$a_s" "$a_m" "$(echo "$n / $a_s" | bc -l)" "$conf"
    done
  done
  if [ -s "$WORK/baseline-conftest.txt" ]; then
    echo
    sed 's/^/- /' "$WORK/baseline-conftest.txt"
  fi
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
  # One object of each kind a cluster dump holds (the snapshot is audited, not admitted).
  "$WORK/bin/gendump" -n 300 -o "$WORK/gator-objects.yaml"
  local tree
  for tree in ${BASELINE:+"$WORK/baseline"} "$root"; do
    local dir="$WORK/gator"
    rm -rf "$dir" && mkdir -p "$dir"
    local f
    for f in "$tree"/deploy/gatekeeper/templates/*.yaml "$tree"/deploy/gatekeeper/constraints/*.yaml; do
      # The kustomization.yaml of each folder lists files; gator reads only the objects.
      [ "$(basename "$f")" = kustomization.yaml ] || cp "$f" "$dir/$(basename "$(dirname "$f")")-$(basename "$f")"
    done
    awk -v RS='\n---\n' -v ORS='\n---\n' '
      { k = $0; sub(/.*\nkind: /, "", k); sub(/\n.*/, "", k); if (!(k in seen) && k != "ClusterSnapshot") { seen[k] = 1; print } }
    ' "$WORK/gator-objects.yaml" >"$dir/resources.yaml"
    echo
    if [ "$tree" = "$root" ]; then echo "### this tree"; else echo "### $BASELINE"; fi
    echo
    "$WORK/bin/gator" bench --engine rego --iterations "$GATOR_ITERATIONS" --filename "$dir" 2>&1 |
      grep -E 'Templates:|Constraints:|Objects:|Total Reviews:|Throughput:|Mean:|P50:|P95:|P99:|Violations Found:' | sed 's/^ */    /'
  done
}

build
has cli && cli
has gobench && gobench
has gator && gator
exit 0
