#!/usr/bin/env bash
# Benchmarks of the evaluator: compile-and-prepare cost and the cost of judging a cluster dump.
# Usage: bench/run.sh [count]   (compare two runs with benchstat from the Go module proxy)
set -euo pipefail
cd "$(dirname "$0")/.."
go test -run '^$' -bench . -benchmem -count "${1:-5}" ./evaluator/
