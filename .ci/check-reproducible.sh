#!/usr/bin/env bash
# Reproducible builds (issue 15): rebuilds the published modules from clean and compares every jar, byte for byte,
# with the ones of the staged release (`mvn -B deploy -Pstage`, docs/releasing.md), which must be staged first.
# Same commit, same JDK, two builds: the jars must be identical (project.build.outputTimestamp fixes the times).
set -euo pipefail
cd "$(dirname "$0")/.."

staging=${1:-target/staging}
version_dir() { echo "$staging/dev/thimble/$1"/*/; }
if [ ! -d "$staging/dev/thimble/thimble-java" ]; then
  echo "check-reproducible: nothing staged in $staging; run: mvn -B deploy -Pstage -DskipTests" >&2
  exit 1
fi

echo "check-reproducible: a second build of the published modules, from clean"
mvn -B -q clean package -DskipTests -pl thimble-java,thimble-processor,thimble-coroutines,thimble-bom

compared=0
differ=0
for module in thimble-java thimble-processor thimble-coroutines; do
  for staged in $(version_dir "$module")*.jar; do
    rebuilt="$module/target/$(basename "$staged")"
    if [ ! -f "$rebuilt" ]; then
      echo "check-reproducible: $rebuilt was not rebuilt" >&2
      differ=$((differ + 1))
    elif ! cmp -s "$staged" "$rebuilt"; then
      echo "check-reproducible: $rebuilt differs from the staged $(basename "$staged")" >&2
      differ=$((differ + 1))
    fi
    compared=$((compared + 1))
  done
done
for module in thimble-java thimble-processor thimble-coroutines thimble-bom; do
  staged=$(version_dir "$module")$module-*.pom
  if ! cmp -s $staged "$module/target/flattened-pom.xml"; then
    echo "check-reproducible: $module's POM differs from the staged one" >&2
    differ=$((differ + 1))
  fi
  compared=$((compared + 1))
done
if [ "$differ" -ne 0 ]; then
  echo "check-reproducible: $differ of $compared files differ between two builds (diffoscope shows where)" >&2
  exit 1
fi
echo "check-reproducible: $compared files byte-identical in two builds"
