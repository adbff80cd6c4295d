#!/usr/bin/env bash
# The full benchmark run behind the README's "Benchmarks" section: every benchmark, its JMH JSON under
# benchmarks/results/, the tables (benchmarks/results/table.md, every row; targets.md, the README's) and the chart
# (benchmarks/results.svg) drawn from it.
#   - ManyBlockingCallsBenchmark runs on a JDK 21+ ($JAVA_VIRTUAL, else the Temurin 25 JDK if installed), since
#     its virtual-thread variants need one; everything else on $JAVA (default: java on the PATH).
#   - Builds nothing: run `mvn -B package -DskipTests` first.
#   - Takes about 35 minutes on 2 cores. Pass JMH options to change the defaults, e.g. `run.sh -wi 3 -i 5`.
set -euo pipefail
cd "$(dirname "$0")/.."

jar=benchmarks/target/benchmarks.jar
[ -f "$jar" ] || { echo "run.sh: $jar is missing; build it first: mvn -B package -DskipTests" >&2; exit 1; }
java=${JAVA:-java}
virtual_java=${JAVA_VIRTUAL:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
mkdir -p benchmarks/results

"$java" -jar "$jar" -f 2 -wi 5 -i 10 -w 1s -r 1s -prof gc "$@" \
  -e ManyBlockingCallsBenchmark,PeersBenchmark -rf json -rff benchmarks/results/main.json
# The peers in three forks: pipelined throughput over two threads differs more from one JVM to the next than within
# one, and one fork's error would not show it.
"$java" -jar "$jar" PeersBenchmark -f 3 -wi 5 -i 10 -w 1s -r 1s -prof gc "$@" \
  -rf json -rff benchmarks/results/peers.json
if [ -x "$virtual_java" ]; then
  "$virtual_java" -jar "$jar" ManyBlockingCallsBenchmark -f 1 -wi 8 -i 10 -prof gc "$@" \
    -rf json -rff benchmarks/results/many-blocking.json
else
  echo "run.sh: no JDK 21+ at $virtual_java (set JAVA_VIRTUAL): ManyBlockingCallsBenchmark is not run" >&2
fi

"$java" -cp "$jar" dev.thimble.benchmarks.Report benchmarks/results/*.json > benchmarks/results/table.md
"$java" -cp "$jar" dev.thimble.benchmarks.Report --targets benchmarks/results/*.json > benchmarks/results/targets.md
"$java" -cp "$jar" dev.thimble.benchmarks.Chart benchmarks/results.svg benchmarks/results/*.json
echo "run.sh: wrote benchmarks/results/*.json, table.md and targets.md (the README's table) there, and benchmarks/results.svg"
