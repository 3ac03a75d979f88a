#!/bin/sh
# Container health check: asks the service in this image (named in /app/SERVICE) for its gRPC health
# on its port (ASSAY_<SERVICE>_PORT, else the default). Exit 0 when SERVING. The console speaks HTTP:
# its check is GET /api/config answering 200.
set -eu
service="$(cat /app/SERVICE)"
case "$service" in
  assignment) port=50051 ;;
  bandit) port=50052 ;;
  analysis) port=50053 ;;
  console) port=8080 ;;
  *) echo "unknown service $service" >&2; exit 1 ;;
esac
port="$(printenv "ASSAY_$(echo "$service" | tr 'a-z' 'A-Z')_PORT" || echo "$port")"
if [ "$service" = console ]; then
  # bash's /dev/tcp: no curl in the JRE image, and no second JVM for an HTTP GET.
  exec bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    printf "GET /api/config HTTP/1.0\r\nHost: localhost\r\n\r\n" >&3
    head -n 1 <&3 | grep -q " 200 "' healthcheck "$port"
fi
# A small JVM beside the service's (which owns 75% of the memory limit); no agent from JAVA_TOOL_OPTIONS.
unset JAVA_TOOL_OPTIONS
exec java -Xmx32m -Xss512k -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
  -cp /app/service.jar:/app/probe GrpcHealthProbe "127.0.0.1:${port}"
