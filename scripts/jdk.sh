# Sourced by ./mvnw, ./imagegate and .ci/run (POSIX sh: mvnw runs under /bin/sh): exports JAVA_HOME as a JDK of
# version 21 or newer, or fails saying so.
# Order: JAVA_HOME if it is new enough, then the `java` on PATH, then the newest JDK under /usr/lib/jvm.

jdk_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | awk -F'= ' '/java.specification.version/ { split($2, v, "."); print (v[1] == 1 ? v[2] : v[1]) }'
}

jdk_ok() {
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] && [ "$(jdk_major "$1")" -ge 21 ] 2>/dev/null
}

pick_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && jdk_ok "$JAVA_HOME"; then
    return 0
  fi
  local from_path
  from_path=$(command -v javac 2>/dev/null) && from_path=$(dirname "$(dirname "$(readlink -f "$from_path")")")
  if [ -n "$from_path" ] && jdk_ok "$from_path"; then
    export JAVA_HOME="$from_path"
    return 0
  fi
  local candidate best="" best_major=0 major
  for candidate in /usr/lib/jvm/*/; do
    candidate=${candidate%/}
    jdk_ok "$candidate" || continue
    major=$(jdk_major "$candidate")
    if [ "$major" -gt "$best_major" ]; then best=$candidate best_major=$major; fi
  done
  if [ -n "$best" ]; then
    export JAVA_HOME="$best"
    return 0
  fi
  echo "imagegate needs a JDK 21 or newer: set JAVA_HOME to one (none found on PATH or under /usr/lib/jvm)." >&2
  return 1
}
