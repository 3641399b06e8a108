#!/usr/bin/env bash
# The production launch (docs/operations.md, "The production launch"): the packaged jar extracted to target/app and
# an archive of what a start loads, made by a training run, so a start maps classes (and, on JDK 25+, linked classes
# and the JIT's method profiles) instead of reading, parsing, verifying and profiling each. Run by
# `./mvnw -Pcds package` (or by hand after `./mvnw package`): scripts/cds-archive.sh [jar]
#
# The runtime is the JDK the service will run on: RUNTIME_JAVA_HOME, else JAVA_HOME, else java on the PATH. The jar
# is Java 17 bytecode and runs on either.
# - JDK 25 or later: an AOT cache (JEP 483/514/515), target/app/handoff.aot, from one training run.
# - JDK 17: a static class data sharing archive, target/app/handoff.jsa. JDK 17's dynamic archive
#   (-XX:ArchiveClassesAtExit) crashes while it is written (SIGSEGV in
#   SystemDictionaryShared::adjust_lambda_proxy_class_dictionary: a lambda whose class or interface is in a signed
#   jar, ecj, which CDS never archives; JDK-8274944/JDK-8285914, fixed in later JDKs). The static route has the same
#   bug, but its class list is a file: the training run writes it, the lines that trigger the crash are left out,
#   then the archive is dumped from it.
# Either way the script writes target/app/handoff, the launch itself (java, its options, the jar; JAVA_OPTS and
# --name=value settings pass through), and target/app/launch.args, the same command one word per line (the
# benchmark reads it).
set -euo pipefail
project=$(cd "$(dirname "$0")/.." && pwd)
jar=${1:-$(ls "$project"/target/handoff-decisions-*.jar | grep -v -- '-original' | head -1)}
app=$(realpath -m "${CDS_APP_DIR:-$project/target/app}")
runtime=${RUNTIME_JAVA_HOME:-${JAVA_HOME:-}}
java=$(command -v "${runtime:+$runtime/bin/}java" || true)
[ -n "$java" ] && [ -x "$java" ] || { echo "cds-archive: no java at ${runtime:+$runtime/bin/}java (RUNTIME_JAVA_HOME / JAVA_HOME)"; exit 1; }
# the launch names the JDK itself, not a link the system's alternatives may later point at another one
java=$(readlink -f "$java")
# JEP 514's one-step training (-XX:AOTCacheOutput) arrived in JDK 25; earlier JDKs get the CDS archive
if "$java" -XX:+UnlockDiagnosticVMOptions -XX:+PrintFlagsFinal -version 2>/dev/null | grep -q ' AOTCacheOutput '; then
    route=aot
else
    route=cds
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

rm -rf "$app"
"$java" -Djarmode=tools -jar "$jar" extract --destination "$app"
main="$app/$(basename "$jar")"

# The JVM checks the signature of every class it loads from a signed jar (a SHA-256 over each entry), and CDS never
# archives such classes. The one signed jar is ecj, the Java compiler Drools compiles rule consequences with (~420
# classes at every start); Maven checked its checksum when it was downloaded. Here it is used without the signature.
for signed in "$app"/lib/*.jar; do
    if unzip -Z1 "$signed" | grep -E '^META-INF/[^/]+\.(SF|RSA|DSA|EC)$' > /dev/null; then
        zip -q -d "$signed" 'META-INF/*.SF' 'META-INF/*.RSA' 'META-INF/*.DSA' 'META-INF/*.EC'
        echo "cds-archive: $(basename "$signed"): jar signature removed"
    fi
done

# Training run: the shipped rules, an empty H2 database of its own, until ready and the ruleset's cases have passed
# (so the classes of the context, Flyway, the Drools build, Tomcat and a decision's evaluation are all loaded), then
# the sample contracts posted over HTTP (the request path's classes and, for the AOT cache, its method profiles);
# then stopped. The CDS route lists every class it loaded; the AOT route writes the cache as the JVM exits.
if [ "$route" = aot ]; then
    training_option=-XX:AOTCacheOutput="$app/handoff.aot"
else
    training_option=-XX:DumpLoadedClassList="$work/classes.lst"
fi
echo "cds-archive: training run on $("$java" -version 2>&1 | head -1) ($route) ..."
log="$app/cds-training.log"
(cd "$project" && exec "$java" -Xmx512m -XX:+UseSerialGC "$training_option" \
    -jar "$main" --server.port=0 --logging.level.root=WARN --logging.level.org.springframework.boot.tomcat=INFO \
    --spring.datasource.url="jdbc:h2:file:$work/training" \
    --handoff.audit.signing.dev-key-dir="$work/signing" --handoff.audit.signing.sink-dir="$work/checkpoints") \
    > "$log" 2>&1 &
training=$!
trap 'kill $training 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 600); do
    kill -0 $training 2>/dev/null || { cat "$log"; echo "cds-archive: the training run ended before it was ready"; exit 1; }
    port=$(grep -oE 'Tomcat started on port [0-9]+' "$log" | grep -oE '[0-9]+$' || true)
    if [ -n "$port" ] && curl -sf -H 'X-API-Key: dev-admin-key' "http://127.0.0.1:$port/actuator/health" | grep -q '"cases":"passed"'; then
        break
    fi
    sleep 0.5
done
if [ -z "${port:-}" ] || ! curl -sf -H 'X-API-Key: dev-admin-key' "http://127.0.0.1:$port/actuator/health" | grep -q '"cases":"passed"'; then
    tail -60 "$log"; echo "cds-archive: the training run was not ready with its cases passed within 5 minutes"; exit 1
fi
# Each sample a few times as a new handoff: a contract id of its own, and every time in it moved by the same amount so
# that its asOf is now (a stale asOf is refused) and its due, SLA and release dates keep their distance from it. Every
# answer must be a decision: a refused sample would train the error path instead of the decision's.
shifted() {
    local file=$1 text as_of offset days ts i=0 moved
    text=$(cat "$file")
    as_of=$(grep -oE '"asOf": *"[^"]+"' "$file" | grep -oE '[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z')
    offset=$(( $(date -u +%s) - $(date -u -d "$as_of" +%s) ))
    days=$(( (offset + 43200) / 86400 ))
    local -a moves=()
    for ts in $(grep -oE '"[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}:[0-9]{2}Z)?"' "$file" | tr -d '"' | sort -u); do
        if [[ $ts == *T* ]]; then
            moved=$(date -u -d "@$(( $(date -u -d "$ts" +%s) + offset ))" +%Y-%m-%dT%H:%M:%SZ)
        else
            moved=$(date -u -d "$ts + $days days" +%Y-%m-%d)
        fi
        text=${text//\"$ts\"/\"@@$i@@\"}   # placeholders first: a moved time may equal another original one
        moves+=("$moved")
        i=$((i + 1))
    done
    for i in "${!moves[@]}"; do
        text=${text//@@$i@@/${moves[$i]}}
    done
    printf '%s' "$text"
}
refused=0
for round in $(seq 1 20); do
    for contract in "$project"/src/test/resources/contracts/*.json; do
        answer=$(shifted "$contract" | sed -e "s/\"contractId\": *\"\([^\"]*\)\"/\"contractId\": \"\1-T$round\"/" |
            curl -s -w '\n%{http_code}' -H 'X-API-Key: dev-decider-key' -H 'Content-Type: application/json' \
                --data-binary @- "http://127.0.0.1:$port/api/v1/decisions")
        if [ "$(tail -1 <<< "$answer")" != 200 ]; then
            refused=$((refused + 1))
            [ $refused -gt 1 ] || echo "cds-archive: training decision refused: $(basename "$contract"): $(head -c 600 <<< "$answer")"
        fi
    done
done
[ $refused -eq 0 ] || { echo "cds-archive: $refused training decision(s) refused (above): fix the samples"; exit 1; }
echo "cds-archive: training decisions: $(( round * $(ls "$project"/src/test/resources/contracts/*.json | wc -l) )), all decided"
# an auditor's calls too (search by contract id, the whole chain verified, the export), so their classes are in the archive
for _ in 1 2 3; do
    for path in "/api/v1/decisions?contractId=HC-2026-0001-T1" /api/v1/audit/verify /api/v1/decisions/export; do
        curl -sf -o /dev/null -H 'X-API-Key: dev-auditor-key' "http://127.0.0.1:$port$path" \
            || { echo "cds-archive: training call $path failed"; exit 1; }
    done
done
kill -TERM $training
wait $training || true
trap 'rm -rf "$work"' EXIT

if [ "$route" = aot ]; then
    [ -s "$app/handoff.aot" ] || { tail -40 "$log"; echo "cds-archive: the training run wrote no AOT cache"; exit 1; }
    options=(-XX:+UseSerialGC -XX:AOTCache="$app/handoff.aot")
else
    # Left out (the JDK 17 bugs above, each crashed a dump or a start here with 17.0.15):
    # - lambdas that touch ecj (org/eclipse/jdt): with its jar signed they were the dump's SIGSEGV; kept out in case a
    #   signed jar stays (a few dozen lambdas);
    # - @lambda-form-invoker lines: the JVM regenerates the java.lang.invoke holder/species classes from them, and
    #   those regenerated classes crash a start with JFR on (SIGSEGV in KlassFactory::check_shared_class_file_load_hook).
    grep -v -e '^@lambda-form-invoker' -e '^@lambda-proxy.*org/eclipse/jdt/' "$work/classes.lst" > "$app/classes.lst"

    echo "cds-archive: dumping $(grep -vc '^@' "$app/classes.lst") classes ..."
    "$java" -Xshare:dump -XX:SharedClassListFile="$app/classes.lst" -XX:SharedArchiveFile="$app/handoff.jsa" \
        -jar "$main" > "$app/cds-dump.log" 2>&1 || { tail -40 "$app/cds-dump.log"; exit 1; }
    options=(-XX:+UseSerialGC -XX:SharedArchiveFile="$app/handoff.jsa")
fi

# The launch: the serial collector, for the 2-core machine it is measured on (docs/operations.md, "Memory: the collector").
printf '%s\n' "$java" "${options[@]}" -jar "$main" > "$app/launch.args"
{
    echo '#!/bin/sh'
    echo "# The production launch of this build, written by scripts/cds-archive.sh ($route, docs/operations.md)."
    echo '# JVM options in JAVA_OPTS (e.g. JAVA_OPTS=-Xmx512m), service settings as arguments (--server.port=9090).'
    printf 'exec'; printf " '%s'" "$java" "${options[@]}"; printf ' $JAVA_OPTS'; printf " '%s'" -jar "$main"; echo ' "$@"'
} > "$app/handoff"
chmod +x "$app/handoff"
echo "cds-archive: $(ls "$app"/handoff.aot "$app"/handoff.jsa 2>/dev/null) ($(du -cm "$app"/handoff.aot "$app"/handoff.jsa 2>/dev/null | tail -1 | cut -f1) MB); start with"
echo "  $app/handoff"
