#!/usr/bin/env bash
# The production launch (docs/operations.md, "Class data sharing"): the packaged jar extracted to target/app and a
# class data sharing archive of the ~18,000 classes a start loads, so a start maps them instead of reading, parsing
# and verifying each. Run by `./mvnw -Pcds package` (or by hand after `./mvnw package`): scripts/cds-archive.sh [jar]
# Then: java -XX:+UseSerialGC -XX:SharedArchiveFile=target/app/handoff.jsa -jar target/app/handoff-decisions-<version>.jar
#
# JDK 17's dynamic archive (-XX:ArchiveClassesAtExit) crashes while it is written (SIGSEGV in
# SystemDictionaryShared::adjust_lambda_proxy_class_dictionary: a lambda whose class or interface is in a signed jar,
# ecj, which CDS never archives; JDK-8274944/JDK-8285914, fixed in later JDKs). The static route has the same bug,
# but its class list is a file: the training run writes it, the lines that trigger the crash are left out, then
# the archive is dumped from it.
set -euo pipefail
project=$(cd "$(dirname "$0")/.." && pwd)
jar=${1:-$(ls "$project"/target/handoff-decisions-*.jar | grep -v -- '-original' | head -1)}
app=${CDS_APP_DIR:-$project/target/app}
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
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
# (so the classes of the context, Flyway, the Drools build, Tomcat and a decision's evaluation are all listed); then
# stopped. Every class it loaded is listed.
echo "cds-archive: training run (class list) ..."
log="$app/cds-training.log"
(cd "$project" && exec "$java" -Xmx512m -XX:DumpLoadedClassList="$work/classes.lst" \
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
[ -n "${port:-}" ] || { cat "$log"; echo "cds-archive: the training run was not ready within 5 minutes"; exit 1; }
kill -TERM $training
wait $training || true

# Left out (the JDK 17 bugs above, each crashed a dump or a start here with 17.0.15):
# - lambdas that touch ecj (org/eclipse/jdt): with its jar signed they were the dump's SIGSEGV; kept out in case a
#   signed jar stays (a few dozen lambdas);
# - @lambda-form-invoker lines: the JVM regenerates the java.lang.invoke holder/species classes from them, and
#   those regenerated classes crash a start with JFR on (SIGSEGV in KlassFactory::check_shared_class_file_load_hook).
grep -v -e '^@lambda-form-invoker' -e '^@lambda-proxy.*org/eclipse/jdt/' "$work/classes.lst" > "$app/classes.lst"

echo "cds-archive: dumping $(grep -vc '^@' "$app/classes.lst") classes ..."
"$java" -Xshare:dump -XX:SharedClassListFile="$app/classes.lst" -XX:SharedArchiveFile="$app/handoff.jsa" \
    -jar "$main" > "$app/cds-dump.log" 2>&1 || { tail -40 "$app/cds-dump.log"; exit 1; }
echo "cds-archive: $app/handoff.jsa ($(du -m "$app/handoff.jsa" | cut -f1) MB); start with"
echo "  java -XX:+UseSerialGC -XX:SharedArchiveFile=$app/handoff.jsa -jar $main"
