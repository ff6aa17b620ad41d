# Sourced by ./imagegate and bench/run, after scripts/jdk.sh has picked JAVA_HOME, from the project directory:
# how a production node starts. Most of a cold start is the JVM loading, linking and interpreting some 12,600
# classes (docs/operations.md#start-up-and-memory), so a node starts from the jar extracted into plain jars,
# which the JVM can cache, and on JDK 25+ with an AOT cache of those classes (JEP 483, 514, 515) made by one
# training run.
#   node_prepare     makes target/app/ and, on JDK 25+, target/imagegate.aot, once per build of the jar and JDK
#   node_jvm_flags   prints the node's JVM flags, one a line
#   NODE_JAR         the jar to run with -jar

NODE_JAR=target/app/imagegate.jar
NODE_AOT=target/imagegate.aot

node_prepare() {
  if [ ! -f "$NODE_JAR" ] || [ target/imagegate.jar -nt "$NODE_JAR" ]; then
    # The same classes as the fat jar, with its libraries as plain jars under target/app/lib/: the JVM's class
    # cache (CDS, AOT) cannot hold classes loaded from jars nested in a jar.
    rm -rf target/app
    "$JAVA_HOME/bin/java" -Djarmode=tools -jar target/imagegate.jar extract --destination target/app >/dev/null
  fi
  # $NODE_AOT.jdk names the JDK of the last training run, failed or not: a node trains once per jar and JDK.
  if node_has_aot_cache; then
    local jdk
    jdk=$("$JAVA_HOME/bin/java" -version 2>&1)
    if [ ! -f "$NODE_AOT.jdk" ] || [ "$NODE_JAR" -nt "$NODE_AOT.jdk" ] || [ "$jdk" != "$(cat "$NODE_AOT.jdk")" ]
    then
      node_train_aot_cache
      printf '%s\n' "$jdk" > "$NODE_AOT.jdk"
    fi
  fi
}

node_jvm_flags() {
  echo "@$PWD/scripts/jvm.options"
  if node_has_aot_cache && [ -f "$NODE_AOT" ]; then
    echo "-XX:AOTCache=$PWD/$NODE_AOT"
  fi
}

# -XX:AOTCache and -XX:AOTCacheOutput are JDK 25's (JEP 514); JDK 21 stops at an unknown flag.
node_has_aot_cache() {
  NODE_JDK_MAJOR=${NODE_JDK_MAJOR:-$(jdk_major "$JAVA_HOME")}
  [ "$NODE_JDK_MAJOR" -ge 25 ]
}

# Spring Boot's training run: the node starts on embedded defaults in a scratch directory (its own SQLite, no
# upstream, none of this environment's settings), exits once its context is refreshed, and the JVM writes the
# classes it loaded, linked and profiled to the cache. The node's own start-up, not its first request: a
# training run that also served a generation measured no faster. A node whose jar, classpath or JDK differ
# from the cache's warns and starts without it; a failed training leaves no cache, and the node starts anyway.
node_train_aot_cache() {
  local scratch root=$PWD
  scratch=$(mktemp -d)
  echo "imagegate: writing the AOT cache $NODE_AOT (once per build and JDK; a start's time again) ..." >&2
  rm -f "$NODE_AOT"
  if (cd "$scratch" && env -i PATH="$PATH" "$JAVA_HOME/bin/java" "@$root/scripts/jvm.options" \
        -XX:AOTCacheOutput="$root/$NODE_AOT.tmp" -Dspring.context.exit=onRefresh -jar "$root/$NODE_JAR" \
        --imagegate.data-dir="$scratch/data" --server.port=0 >"$scratch/training.log" 2>&1) \
      && [ -f "$NODE_AOT.tmp" ]; then
    mv "$NODE_AOT.tmp" "$NODE_AOT"
  else
    rm -f "$NODE_AOT.tmp"
    echo "imagegate: the AOT training run failed (its log: $scratch/training.log); starting without the cache" >&2
    return 0
  fi
  rm -rf "$scratch"
}
