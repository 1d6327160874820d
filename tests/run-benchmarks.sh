#!/usr/bin/env bash
# Runs every benchmark main of the tests module: classes under tests/src/test/java/macserver/bench/
# whose names end in Benchmark and which declare a main method. Says which ones it runs, and
# says so when there are none yet. Needs JAVA_HOME set to a JDK 25 for Maven (make bench does that).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bench_dir=$repo/tests/src/test/java/macserver/bench
cd "$repo"

mains=()
if [[ -d $bench_dir ]]; then
    while IFS= read -r file; do
        grep -Eq 'static[[:space:]]+void[[:space:]]+main[[:space:]]*\(' "$file" || continue
        class=${file#"$repo/tests/src/test/java/"}
        class=${class%.java}
        mains+=("${class//\//.}")
    done < <(find "$bench_dir" -name '*Benchmark.java' | sort)
fi
if ((${#mains[@]} == 0)); then
    echo "bench: no benchmark mains yet (looked for *Benchmark.java with a main in ${bench_dir#"$repo/"}): nothing run"
    exit 0
fi

java_home=$("$repo/firmware/bin/java-home")
# One reactor build, so the firmware resolves to its freshly compiled classes; the relative
# output file lands in each module's own target/ folder.
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
classpath=$repo/tests/target/test-classes:$repo/tests/target/classes:$(cat "$repo/tests/target/bench.classpath")

for main in "${mains[@]}"; do
    echo "bench: running $main"
    "$java_home/bin/java" --enable-native-access=ALL-UNNAMED -XX:+UseCompactObjectHeaders -cp "$classpath" "$main"
done
