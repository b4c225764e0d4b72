#!/usr/bin/env bash
# The local sandbox: devcluster (control plane + kwok nodes) and primehub serve, with all
# state in .primehub-dev/. Ctrl-C stops both; the next run resumes with the data kept.
set -euo pipefail
cd "$(dirname "$0")/.."

DATA_DIR=${PRIMEHUB_DEV_DIR:-$PWD/.primehub-dev}
HTTP_ADDR=${PRIMEHUB_HTTP_ADDR:-127.0.0.1:8080}
METRICS_ADDR=${PRIMEHUB_METRICS_ADDR:-127.0.0.1:8081}
# The API server runs on this host and calls the webhooks at this address.
WEBHOOK_ADDR=${PRIMEHUB_WEBHOOK_ADDR:-127.0.0.1:9443}
KUBECONFIG_FILE=$DATA_DIR/kubeconfig
mkdir -p "$DATA_DIR"
# The administrator's password, made on the first run and kept (readable by you only), so
# it can be shown each time; primehub uses it when it creates the administrator.
ADMIN_PASSWORD_FILE=$DATA_DIR/admin-password
if [ ! -s "$ADMIN_PASSWORD_FILE" ]; then
  (umask 077; head -c 18 /dev/urandom | base64 | tr '+/' '-_' > "$ADMIN_PASSWORD_FILE")
fi

pids=()
stop() {
  trap - INT TERM EXIT
  echo
  echo "stopping the sandbox..."
  # primehub first, then the cluster it talks to.
  for ((i=${#pids[@]}-1; i>=0; i--)); do
    kill -TERM "${pids[i]}" 2>/dev/null || true
    wait "${pids[i]}" 2>/dev/null || true
  done
  echo "stopped; state kept in $DATA_DIR"
}
trap 'stop; exit 0' INT TERM
trap stop EXIT

echo "starting devcluster (logs: $DATA_DIR/cluster/logs)..."
bin/devcluster up --data-dir "$DATA_DIR/cluster" > "$DATA_DIR/devcluster.out" 2>&1 &
pids+=($!)
until grep -q '^devcluster: ready' "$DATA_DIR/devcluster.out" 2>/dev/null; do
  if ! kill -0 "${pids[0]}" 2>/dev/null; then
    echo "devcluster failed to start:" >&2
    cat "$DATA_DIR/devcluster.out" >&2
    exit 1
  fi
  sleep 0.5
done
cp "$DATA_DIR/cluster/kubeconfig" "$KUBECONFIG_FILE"

echo "starting primehub serve (log: $DATA_DIR/primehub.log)..."
PRIMEHUB_ADMIN_PASSWORD=$(cat "$ADMIN_PASSWORD_FILE") \
bin/primehub serve --kubeconfig "$KUBECONFIG_FILE" --http-addr "$HTTP_ADDR" --metrics-addr "$METRICS_ADDR" \
  --log-format console --external-url "http://$HTTP_ADDR" \
  --webhook-addr "$WEBHOOK_ADDR" --webhook-url "https://$WEBHOOK_ADDR" --webhook-cert-dir "$DATA_DIR/webhook-certs" \
  > "$DATA_DIR/primehub.log" 2>&1 &
pids+=($!)
until curl -fsS "http://$HTTP_ADDR/readyz" > /dev/null 2>&1; do
  if ! kill -0 "${pids[1]}" 2>/dev/null; then
    echo "primehub serve failed to start:" >&2
    tail -n 30 "$DATA_DIR/primehub.log" >&2
    exit 1
  fi
  sleep 0.5
done

cat <<MSG

PrimeHub sandbox is up.
  primehub:    http://$HTTP_ADDR/
  log in:      phadmin / $(cat "$ADMIN_PASSWORD_FILE")   (the password of the first start, kept in $ADMIN_PASSWORD_FILE)
  OpenID:      http://$HTTP_ADDR/oidc/.well-known/openid-configuration   (client id: primehub)
  health:      http://$HTTP_ADDR/healthz   http://$HTTP_ADDR/readyz
  metrics:     http://$METRICS_ADDR/metrics
  kubeconfig:  $KUBECONFIG_FILE
  nodes:       bin/devcluster kubectl --kubeconfig $KUBECONFIG_FILE get nodes
  logs:        $DATA_DIR/primehub.log, $DATA_DIR/cluster/logs/
Press Ctrl-C to stop; the next 'make run' resumes with the data kept.
MSG

# Ctrl-C reaches the children too, and they exit 0 on it; any other exit is a failure.
# Either way the EXIT trap stops whatever still runs.
status=0
wait -n "${pids[@]}" || status=$?
if [ "$status" -ne 0 ]; then
  echo "a sandbox process exited with status $status; logs are in $DATA_DIR" >&2
  exit 1
fi
