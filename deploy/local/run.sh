#!/usr/bin/env bash
# Runs the whole Assay platform on this machine from the jars the build made:
#
#   ./mvnw -B -q package -DskipTests && deploy/local/run.sh
#
# Starts the assignment, bandit and analysis services (each <service>/target/<service>.jar), waits
# until each answers the gRPC health protocol, then the web console (console/target/console.jar,
# http://localhost:8080, ASSAY_CONSOLE_PORT to move it) pointed at them; prints where each listens,
# and on Ctrl-C (SIGINT) or SIGTERM stops them all gracefully: SIGTERM to each, wait, exit.
#
# Store: in-memory (each service its own, lost on exit) unless ASSAY_REDIS_URL is set, e.g.
#   ASSAY_REDIS_URL=redis://127.0.0.1:6379 deploy/local/run.sh
# Needs a JDK (java and javac 17+), like the build.
# Every other ASSAY_* setting (ports, key prefix, shutdown grace...) reaches the services unchanged;
# see docs/operations.md. JAVA (default java) and ASSAY_JAVA_OPTS choose the JVM and its options.
# A service whose module is not in this checkout is skipped with a note; a missing jar is an error.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JAVA="${JAVA:-java}"
read -r -a JAVA_OPTS <<<"${ASSAY_JAVA_OPTS:-}"
STOP_TIMEOUT_SECONDS="${ASSAY_STOP_TIMEOUT_SECONDS:-40}" # above the services' 20 s shutdown grace
START_TIMEOUT_SECONDS="${ASSAY_START_TIMEOUT_SECONDS:-90}"

ALL_SERVICES=(assignment bandit analysis)
declare -A DEFAULT_PORT=([assignment]=50051 [bandit]=50052 [analysis]=50053)

services=()   # the services this run starts
probe=""      # the running health probe, while starting
declare -A pid_of=()
declare -A port_of=()

log() { printf '[run] %s\n' "$*" >&2; }

# The port a service will listen on: ASSAY_<SERVICE>_PORT (which the service reads too) or its default.
port_for() {
  local var="ASSAY_${1^^}_PORT"
  printf '%s' "${!var:-${DEFAULT_PORT[$1]}}"
}

# Stops every started service with SIGTERM, waits for them to drain, then exits with status $1.
stop_all() {
  local status="$1"
  trap - INT TERM
  if [[ -n "${probe:-}" ]]; then kill "$probe" 2>/dev/null || true; fi # stopped while starting
  local pids=() names=()
  for service in "${services[@]}"; do
    local pid="${pid_of[$service]:-}"
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
      pids+=("$pid")
      names+=("$service")
      kill -TERM "$pid" 2>/dev/null || true
    fi
  done
  if ((${#pids[@]} > 0)); then
    log "stopping ${names[*]} (SIGTERM; in-flight calls drain)"
  fi
  local waited=0
  while ((${#pids[@]} > 0)); do
    local alive=()
    for pid in "${pids[@]}"; do
      if kill -0 "$pid" 2>/dev/null; then alive+=("$pid"); else wait "$pid" 2>/dev/null || true; fi
    done
    pids=("${alive[@]+"${alive[@]}"}")
    ((${#pids[@]} == 0)) && break
    if ((waited >= STOP_TIMEOUT_SECONDS * 10)); then
      log "still running after ${STOP_TIMEOUT_SECONDS}s, killing: ${pids[*]}"
      kill -KILL "${pids[@]}" 2>/dev/null || true
      status=1
      break
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
  log "stopped"
  exit "$status"
}

for service in "${ALL_SERVICES[@]}"; do
  if [[ ! -d "$ROOT/$service-service" ]]; then
    log "skipping $service: no $service-service module in this checkout"
    continue
  fi
  jar="$ROOT/$service-service/target/$service-service.jar"
  if [[ ! -f "$jar" ]]; then
    log "missing $jar; build first: ./mvnw -B -q package -DskipTests"
    exit 1
  fi
  services+=("$service")
done
((${#services[@]} > 0)) || { log "no service to run"; exit 1; }
console_jar=""
if [[ -d "$ROOT/console" ]]; then
  console_jar="$ROOT/console/target/console.jar"
  if [[ ! -f "$console_jar" ]]; then
    # The console is a window onto the services, not one of them: without its jar they still run.
    log "skipping the console: missing $console_jar (./mvnw -B -q package -DskipTests builds it)"
    console_jar=""
  fi
else
  log "skipping the console: no console module in this checkout"
fi

if [[ -n "${ASSAY_REDIS_URL:-}" ]]; then
  export ASSAY_REDIS_URL
  store="Redis at $(sed -E 's#//[^@/]*@#//***@#' <<<"$ASSAY_REDIS_URL") (shared by every service)"
else
  store="in-memory (embedded default: each service its own, lost on exit)"
fi
log "store: $store"

trap 'stop_all 0' INT TERM

# The experiment loop: assignment sends exposures to analysis, and the analysis monitor stops
# experiments through assignment. Each finds the other on the ports of this run (with TLS on, it
# trusts the servers' own certificate); ASSAY_ANALYSIS_TARGET / ASSAY_ASSIGNMENT_TARGET override.
export ASSAY_ANALYSIS_TARGET="${ASSAY_ANALYSIS_TARGET:-localhost:$(port_for analysis)}"
export ASSAY_ASSIGNMENT_TARGET="${ASSAY_ASSIGNMENT_TARGET:-localhost:$(port_for assignment)}"
# The console reads all three (the two above, and the bandit service).
export ASSAY_BANDIT_TARGET="${ASSAY_BANDIT_TARGET:-localhost:$(port_for bandit)}"
if [[ -n "${ASSAY_TLS_CERT_FILE:-}" ]]; then
  export ASSAY_ANALYSIS_CA_FILE="${ASSAY_ANALYSIS_CA_FILE:-$ASSAY_TLS_CERT_FILE}"
  export ASSAY_ASSIGNMENT_CA_FILE="${ASSAY_ASSIGNMENT_CA_FILE:-$ASSAY_TLS_CERT_FILE}"
fi

# The health probe, compiled once (every service jar carries the gRPC classes it needs).
probe_classes="$(mktemp -d "${TMPDIR:-/tmp}/assay-probe.XXXXXX")"
trap 'rm -rf "$probe_classes"' EXIT
probe_classpath="$ROOT/${services[0]}-service/target/${services[0]}-service.jar"
javac -nowarn -cp "$probe_classpath" -d "$probe_classes" "$ROOT/deploy/health/GrpcHealthProbe.java"

# With TLS on (ASSAY_TLS_CERT_FILE), the probe speaks TLS to localhost and trusts the server's own
# certificate file; with mutual TLS (ASSAY_TLS_CLIENT_CA_FILE) it presents that certificate too, so
# then the server certificate must also allow client authentication and be signed by the client CA.
probe_tls=()
probe_host="127.0.0.1"
if [[ -n "${ASSAY_TLS_CERT_FILE:-}" ]]; then
  probe_tls+=("--tls-ca-file=$ASSAY_TLS_CERT_FILE")
  probe_host="localhost"
  if [[ -n "${ASSAY_TLS_CLIENT_CA_FILE:-}" ]]; then
    probe_tls+=("--tls-cert-file=$ASSAY_TLS_CERT_FILE" "--tls-key-file=${ASSAY_TLS_KEY_FILE:-}")
  fi
fi

service_pids=()
# One service at a time, each started once the previous answers SERVING: JVMs starting together on a
# small machine slow each other down past the services' Redis connection timeouts.
for service in "${services[@]}"; do
  port="$(port_for "$service")"
  port_of[$service]="$port"
  # Each line of the service's JSON log, prefixed with its name; $! is the JVM itself. The prefixer
  # ignores Ctrl-C so that the services' shutdown lines still show.
  "$JAVA" "${JAVA_OPTS[@]+"${JAVA_OPTS[@]}"}" -jar "$ROOT/$service-service/target/$service-service.jar" \
    "--$service-port=$port" > >(trap '' INT; exec sed -u "s/^/[$service] /") 2>&1 &
  pid_of[$service]=$!
  service_pids+=("${pid_of[$service]}")

  "$JAVA" -Xshare:auto -XX:TieredStopAtLevel=1 -cp "$probe_classpath:$probe_classes" GrpcHealthProbe \
    "--wait=$START_TIMEOUT_SECONDS" "${probe_tls[@]+"${probe_tls[@]}"}" "$probe_host:$port" > >(trap '' INT; exec sed -u 's/^/[health] /') 2>&1 &
  probe=$!
  # Whichever ends first: the probe (healthy, or timed out) or a service (failed to start).
  set +e
  wait -n "$probe" "${service_pids[@]}"
  set -e
  if kill -0 "$probe" 2>/dev/null; then
    kill "$probe" 2>/dev/null || true
    for started in "${services[@]}"; do
      if [[ -n "${pid_of[$started]:-}" ]] && ! kill -0 "${pid_of[$started]}" 2>/dev/null; then
        log "$started exited during start-up; see its log above"
      fi
    done
    stop_all 1
  fi
  if ! wait "$probe"; then
    log "$service did not become healthy within ${START_TIMEOUT_SECONDS}s"
    stop_all 1
  fi
done

# The console last, once every service answers: plain HTTP on its port, ready when GET /api/config
# answers 200 (bash's /dev/tcp: no curl needed).
console_port="${ASSAY_CONSOLE_PORT:-8080}"
console_http_ok() {
  { exec 3<>"/dev/tcp/127.0.0.1/$console_port"; } 2>/dev/null || return 1
  printf 'GET /api/config HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
  local status_line
  read -r status_line <&3 || true
  exec 3<&-
  [[ "$status_line" == *" 200 "* ]]
}
if [[ -n "$console_jar" ]] && console_http_ok; then
  log "skipping the console: something already answers on port $console_port (set ASSAY_CONSOLE_PORT)"
  console_jar=""
fi
if [[ -n "$console_jar" ]]; then
  console_args=("--console-port=$console_port")
  if [[ -n "${ASSAY_TLS_CERT_FILE:-}" && -z "${ASSAY_CA_FILE:-}" ]]; then
    console_args+=("--ca-file=$ASSAY_TLS_CERT_FILE")
  fi
  "$JAVA" "${JAVA_OPTS[@]+"${JAVA_OPTS[@]}"}" -jar "$console_jar" "${console_args[@]}" \
    > >(trap '' INT; exec sed -u "s/^/[console] /") 2>&1 &
  console_pid=$!
  waited=0
  until console_http_ok; do
    # A console that cannot start (its port taken, say) leaves the services running, with a note.
    if ! kill -0 "$console_pid" 2>/dev/null; then
      log "console exited during start-up (port $console_port taken? set ASSAY_CONSOLE_PORT); the services keep running"
      console_jar=""
      break
    fi
    if ((waited >= START_TIMEOUT_SECONDS * 10)); then
      log "console did not answer within ${START_TIMEOUT_SECONDS}s; stopping it, the services keep running"
      kill -TERM "$console_pid" 2>/dev/null || true
      console_jar=""
      break
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
  if [[ -n "$console_jar" ]]; then
    pid_of[console]=$console_pid
    service_pids+=("$console_pid")
    services+=(console)
  fi
fi

for service in "${services[@]}"; do
  [[ "$service" == console ]] && continue
  log "$(printf '%-10s listening on 0.0.0.0:%s  (%s://localhost:%s, health + reflection)' \
    "$service" "${port_of[$service]}" "$([[ -n "${ASSAY_TLS_CERT_FILE:-}" ]] && echo grpcs || echo grpc)" "${port_of[$service]}")"
done
if [[ -n "$console_jar" ]]; then
  log "$(printf '%-10s listening on 0.0.0.0:%s  (open http://localhost:%s)' console "$console_port" "$console_port")"
fi
log "ready: ${services[*]}; store: $store; Ctrl-C stops them all"

# Until a signal arrives (trap above) or a service dies on its own.
set +e
wait -n "${service_pids[@]}"
set -e
for service in "${services[@]}"; do
  if ! kill -0 "${pid_of[$service]}" 2>/dev/null; then
    log "$service exited unexpectedly; stopping the others"
  fi
done
stop_all 1
