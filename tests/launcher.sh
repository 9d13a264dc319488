#!/usr/bin/env bash
# The launcher's own behaviour, as a user meets it (run by .ci/run after the build):
#  - an error is one line on stderr, with the command's exit code;
#  - exactly the JVM's incubator warning is removed from stderr, every other line passes;
#  - the AOT cache is used while it was trained on this jar, and trained again when it was not.
set -uo pipefail
cd "$(dirname "$0")/.."
fails=0
pass() { echo "ok   $1"; }
fail() { echo "FAIL $1"; fails=$((fails + 1)); }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
./kmlab build >/dev/null 2>&1 || { echo "FAIL build"; exit 1; }

# 1. a usage error and a bad input: one line each, exit 2
./kmlab fit "$work/missing.csv" --k-max 2 --output "$work/o.csv" >"$work/out" 2>"$work/err"; code=$?
if [ "$code" -eq 2 ] && [ "$(wc -l < "$work/err")" -eq 1 ] && grep -q '^kmlab fit: .*no such file' "$work/err"; then
    pass "bad input: one line, exit 2"
else fail "bad input: exit $code, stderr: $(cat "$work/err")"; fi
./kmlab fit "$work/missing.csv" --k-max two --output "$work/o.csv" 2>"$work/err"; code=$?
if [ "$code" -eq 2 ] && [ "$(wc -l < "$work/err")" -eq 1 ]; then pass "usage error: one line, exit 2"
else fail "usage error: exit $code, stderr: $(cat "$work/err")"; fi
./kmlab no-such-command 2>"$work/err"; code=$?
if [ "$code" -eq 2 ] && [ "$(wc -l < "$work/err")" -eq 1 ]; then pass "unknown command: one line, exit 2"
else fail "unknown command: exit $code, stderr: $(cat "$work/err")"; fi

# 2. the filter removes exactly the incubator warning: the JVM's own log lines on stderr pass
KMLAB_JAVA_OPTS="-XX:+UseSerialGC -Xlog:gc:stderr -Xlog:gc+init=info:stderr" ./kmlab --version >"$work/out" 2>"$work/err"; code=$?
if [ "$code" -eq 0 ] && grep -q '\[gc' "$work/err" && ! grep -q 'Using incubator modules' "$work/err" \
        && grep -q '^kmlab ' "$work/out"; then
    pass "stderr filter: the warning removed, $(grep -c '' "$work/err") other lines kept, exit 0"
else fail "stderr filter: exit $code, stderr: $(head -3 "$work/err")"; fi
gen() { ./kmlab gen --rows 3000 --features 4 --clusters 3 --output "$work/b.csv" 2>&1; }
if [ -z "$(gen)" ]; then pass "a clean run prints nothing on stderr"; else fail "a clean run printed: $(gen)"; fi

# 3. the AOT caches: a scalar-sized fit starts without the Vector API module and uses the plain
#    cache, a fit naming a vector kernel the module's; a marker of another time means stale: the run
#    goes without it, and a training after that run brings it back
uses_cache() {
    KMLAB_JAVA_OPTS="-XX:+UseSerialGC -Xlog:aot=info:stderr" ./kmlab fit "$work/b.csv" --k-max 3 \
        --output "$work/o.csv" 2>&1 >/dev/null | grep -q 'Opened AOT cache'
}
./kmlab aot >/dev/null 2>&1
if uses_cache; then pass "AOT cache used after kmlab aot"; else fail "AOT cache not used after kmlab aot"; fi
opened() {
    KMLAB_JAVA_OPTS="-XX:+UseSerialGC -Xlog:aot=info:stderr" ./kmlab fit "$work/b.csv" --k-max 3 "$@" \
        --output "$work/o.csv" 2>&1 >/dev/null | sed -n 's/.*Opened AOT cache .*\/\([^/]*\)\.$/\1/p'
}
if [ "$(opened)" = runner-plain.aot ] && [ "$(opened --kernel gemm)" = runner.aot ] \
        && [ "$(opened --kernel=simd)" = runner.aot ]; then
    pass "a scalar fit runs without the module (plain cache), a named vector kernel with it"
else fail "caches opened: auto '$(opened)', gemm '$(opened --kernel gemm)'"; fi
touch -d '1 hour ago' runner/target/runner-plain.aot.jar
if uses_cache; then fail "a cache whose marker is not the jar's time was used"; else pass "stale cache not used"; fi
for _ in $(seq 120); do [ -d runner/target/runner.aot.lock ] || break; sleep 1; done
if uses_cache; then pass "the cache trained again after the stale run"; else fail "the cache was not trained again"; fi

# 4. a grid's progress (on stderr, through the filter) reaches a file line by line while the grid runs
setsid ./kmlab run grids/quick.yaml --out "$work/progress" --no-peak 2> "$work/progress.txt" &
grid=$!
for _ in $(seq 300); do
    [ "$(cat "$work/progress/runs.jsonl" 2>/dev/null | wc -l)" -ge 3 ] && break
    sleep 0.2
done
sleep 0.5 # the progress line of the third run follows its record
if grep -Eq '^\[[0-9]+/48\]' "$work/progress.txt"; then pass "a grid's progress reaches a file while it runs"
else fail "no progress line in the file after 3 runs: $(head -c 300 "$work/progress.txt")"; fi
kill -INT -- "-$grid" 2>/dev/null; wait "$grid" 2>/dev/null # its own process group: the launcher and its JVM

[ "$fails" -eq 0 ] && echo "launcher tests passed" || { echo "launcher tests: $fails failed"; exit 1; }
