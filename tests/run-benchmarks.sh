#!/usr/bin/env bash
# Runs every benchmark main of the tests module: classes under tests/src/test/java/macserver/bench/
# whose names end in Benchmark and which declare a main method. Says which ones it runs, and
# says so when there are none yet. Each records its figures in one file; BenchReport then prints
# the summary table and writes it to bench/results/<date>.md. Needs JAVA_HOME set to a JDK 25
# for Maven (make bench does that); the side-by-side load runs need root (sudo make bench).
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

# Sizes that keep the whole run near a quarter of an hour on a 2-core machine.
args_for() {
    case $1 in
        macserver.bench.StoreBenchmark) echo "1000000 10" ;;
        macserver.bench.CheckpointPauseBenchmark) echo "1000000 2" ;;
        *) ;;
    esac
}

figures=$repo/tests/target/bench/figures.txt
mkdir -p "$(dirname "$figures")"
rm -f "$figures"
failed=()
for main in "${mains[@]}"; do
    echo "bench: running $main"
    # shellcheck disable=SC2046 # the arguments are words on purpose
    if ! "$java_home/bin/java" --enable-native-access=ALL-UNNAMED -XX:+UseCompactObjectHeaders \
            -Dmacserver.bench.figures="$figures" -Dmacserver.root="$repo" -cp "$classpath" "$main" $(args_for "$main"); then
        echo "bench: $main failed; the table shows its figures as n/a"
        failed+=("$main")
    fi
done
"$java_home/bin/java" -cp "$classpath" macserver.bench.BenchReport "$figures" "$repo"
if ((${#failed[@]} > 0)); then
    echo "bench: failed: ${failed[*]}"
    exit 1
fi
