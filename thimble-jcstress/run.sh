#!/usr/bin/env bash
# Runs thimble's jcstress tests from the shaded jar, then fails if any test saw a FORBIDDEN outcome or an error.
#   bash thimble-jcstress/run.sh                 the short run CI makes: quick mode, one JVM mode, one fork
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
  # Quick mode alone plans 18 JVM and compilation modes per test (over 20 minutes on two cores); one JVM mode
  # (-jvmArgs), no split compilation and one fork keep CI's run to a few minutes.
  set -- -m quick -sc false -f 1 -jvmArgs -Xmx256m
fi
out=target/jcstress-output.txt
# -r: the HTML report, with every outcome seen, lands in target/jcstress-results.
"$java_bin" -jar "$jar" -r target/jcstress-results "$@" 2>&1 | tee "$out"

# jcstress exits 0 whatever it saw: read its last progress line, "(Results: N planned; P passed, F failed, S soft errs,
# H hard errs)", and the per-test verdicts "[FAILED] test" (a FORBIDDEN outcome) and "[ERROR] test".
summary="$(grep -E '^\(Results: ' "$out" | tail -n 1 || true)"
echo "jcstress: ${summary:-no results line}"
if [ -z "$summary" ]; then
  echo "jcstress printed no results: see $out" >&2
  exit 1
fi
failed="$(sed -E 's/.* ([0-9]+) failed.*/\1/' <<<"$summary")"
hard="$(sed -E 's/.* ([0-9]+) hard errs.*/\1/' <<<"$summary")"
if [ "$failed" != 0 ] || [ "$hard" != 0 ] || grep -qE '^\s*(\.+ )?\[(FAILED|ERROR)\]' "$out"; then
  echo "jcstress: FORBIDDEN outcomes or errors, listed above; report in thimble-jcstress/target/jcstress-results/" >&2
  grep -E '\[(FAILED|ERROR)\]' "$out" >&2 || true
  exit 1
fi
