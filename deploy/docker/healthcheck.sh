#!/bin/sh
# Container health check: asks the service in this image (named in /app/SERVICE) for its gRPC health
# on its port (ASSAY_<SERVICE>_PORT, else the default). Exit 0 when SERVING.
set -eu
service="$(cat /app/SERVICE)"
case "$service" in
  assignment) port=50051 ;;
  bandit) port=50052 ;;
  analysis) port=50053 ;;
  *) echo "unknown service $service" >&2; exit 1 ;;
esac
port="$(printenv "ASSAY_$(echo "$service" | tr 'a-z' 'A-Z')_PORT" || echo "$port")"
# A small JVM beside the service's (which owns 75% of the memory limit); no agent from JAVA_TOOL_OPTIONS.
unset JAVA_TOOL_OPTIONS
exec java -Xmx32m -Xss512k -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
  -cp /app/service.jar:/app/probe GrpcHealthProbe "127.0.0.1:${port}"
