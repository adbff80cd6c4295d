#!/usr/bin/env bash
# Runs thimble's jcstress tests from the shaded jar, then fails if any test saw a FORBIDDEN outcome or an error.
#   bash thimble-jcstress/run.sh                 the short run CI makes (-m quick: a minute or two)
#   bash thimble-jcstress/run.sh -m default      the long run (see README.md); any jcstress options go through
# JAVA=/path/to/bin/java picks the JDK. Build the jar first: mvn -B package -pl thimble-jcstress -am -DskipTests
set -euo pipefail
cd "$(dirname "$0")"
java_bin="${JAVA:-java}"
jar=target/jcstress.jar
if [ ! -f "$jar" ]; then
  echo "no $jar: build it first: mvn -B package -pl thimble-jcstress -am -DskipTests" >&2
  exit 2
fi
if [ "$#" -eq 0 ]; then
  set -- -m quick
fi
out=target/jcstress-output.txt
# -r: the HTML report, with every outcome seen, lands in target/jcstress-results.
"$java_bin" -jar "$jar" -r target/jcstress-results "$@" 2>&1 | tee "$out"
