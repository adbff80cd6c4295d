#!/usr/bin/env bash
# Smoke run of every JMH benchmark: one fork, one short warm-up and one short measurement iteration each, with the
# large parameters shrunk, so that the benchmarks never rot. Builds nothing: run `mvn -B verify` (or package) first.
# Exits non-zero if a benchmark fails (-foe true). A few minutes on 2 cores. Measures nothing worth reading.
# Arguments go to JMH: a regex runs only the benchmarks it matches (`smoke.sh ManyBlockingCallsBenchmark`).
set -euo pipefail
cd "$(dirname "$0")/.."

jar=benchmarks/target/benchmarks.jar
if [ ! -f "$jar" ]; then
  echo "smoke.sh: $jar is missing; build it first: mvn -B package -pl thimble-java,benchmarks -am" >&2
  exit 1
fi

java=${JAVA:-java}
echo "smoke.sh: each benchmark${1:+ matching $*} once, on $("$java" -version 2>&1 | sed -n 1p)"
exec "$java" -jar "$jar" \
  -f 1 -wi 1 -i 1 -w 200ms -r 200ms -foe true \
  -p calls=200 -p pending=10,1000 \
  -rf json -rff "${TMPDIR:-/tmp}/thimble-benchmarks-smoke.json" "$@"
