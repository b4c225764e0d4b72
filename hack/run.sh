#!/usr/bin/env bash
# The local sandbox: devcluster (control plane + kwok nodes) and primehub serve, with all
# state in .primehub-dev/. Ctrl-C stops both; the next run resumes with the data kept.
# primehub serves HTTPS with a CA of its own (.primehub-dev/tls/ca.crt), so that the
# kube-apiserver can trust its embedded OpenID issuer: `kubectl --token <id_token>` acts as
# that user, and RBAC decides.
set -euo pipefail
cd "$(dirname "$0")/.."

DATA_DIR=${PRIMEHUB_DEV_DIR:-$PWD/.primehub-dev}
HTTP_ADDR=${PRIMEHUB_HTTP_ADDR:-127.0.0.1:8080}
METRICS_ADDR=${PRIMEHUB_METRICS_ADDR:-127.0.0.1:8081}
# The API server runs on this host and calls the webhooks at this address.
WEBHOOK_ADDR=${PRIMEHUB_WEBHOOK_ADDR:-127.0.0.1:9443}
KUBECONFIG_FILE=$DATA_DIR/kubeconfig
# A kubeconfig with the cluster and no credentials, for `kubectl --token`: with the admin's
# client certificate beside it, the API server would take the certificate.
USER_KUBECONFIG=$DATA_DIR/user.kubeconfig
TLS_DIR=$DATA_DIR/tls
EXTERNAL_URL=https://$HTTP_ADDR
# Notebooks on an origin of their own, another loopback address, so that code in a
# notebook reaches none of the console's cookies or storage.
NOTEBOOK_ADDR=${PRIMEHUB_NOTEBOOK_ADDR:-127.0.0.2:${HTTP_ADDR##*:}}
NOTEBOOK_URL=https://$NOTEBOOK_ADDR
# Applications' web UIs on a third.
APP_ADDR=${PRIMEHUB_APP_ADDR:-127.0.0.3:${HTTP_ADDR##*:}}
APP_URL=https://$APP_ADDR
# kube-apiserver's structured authentication configuration, which it re-reads when it
# changes. The first run starts the API server with no issuer, since primehub makes its CA
# later; the issuer is written in once primehub serves, and kept for the next runs.
AUTHN_CONFIG=$DATA_DIR/authentication-config.yaml
mkdir -p "$DATA_DIR"
if [ ! -s "$AUTHN_CONFIG" ]; then
  printf 'apiVersion: apiserver.config.k8s.io/v1\nkind: AuthenticationConfiguration\njwt: []\n' > "$AUTHN_CONFIG"
fi
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
# --run-notebooks: every notebook runs Debian's Jupyter server at its pod's IP, so it opens and runs code.
bin/devcluster up --data-dir "$DATA_DIR/cluster" --authentication-config "$AUTHN_CONFIG" --run-notebooks > "$DATA_DIR/devcluster.out" 2>&1 &
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
APISERVER=$(sed -n 's/^  server: *//p' "$DATA_DIR/devcluster.out")
rm -f "$USER_KUBECONFIG"
bin/devcluster kubectl config --kubeconfig "$USER_KUBECONFIG" set-cluster devcluster --server "$APISERVER" \
  --certificate-authority "$DATA_DIR/cluster/pki/ca.crt" --embed-certs > /dev/null
bin/devcluster kubectl config --kubeconfig "$USER_KUBECONFIG" set-context devcluster --cluster devcluster > /dev/null
bin/devcluster kubectl config --kubeconfig "$USER_KUBECONFIG" use-context devcluster > /dev/null

echo "starting primehub serve (log: $DATA_DIR/primehub.log)..."
PRIMEHUB_ADMIN_PASSWORD=$(cat "$ADMIN_PASSWORD_FILE") \
bin/primehub serve --kubeconfig "$KUBECONFIG_FILE" --http-addr "$HTTP_ADDR" --metrics-addr "$METRICS_ADDR" \
  --log-format console --external-url "$EXTERNAL_URL" --tls-cert-dir "$TLS_DIR" \
  --notebook-url "$NOTEBOOK_URL" --notebook-addr "$NOTEBOOK_ADDR" \
  --app-url "$APP_URL" --app-addr "$APP_ADDR" \
  --webhook-addr "$WEBHOOK_ADDR" --webhook-url "https://$WEBHOOK_ADDR" \
  --webhook-client-ca "$DATA_DIR/cluster/pki/webhook-client-ca.crt" \
  > "$DATA_DIR/primehub.log" 2>&1 &
pids+=($!)
until curl -fsS --cacert "$TLS_DIR/ca.crt" "$EXTERNAL_URL/readyz" > /dev/null 2>&1; do
  if ! kill -0 "${pids[1]}" 2>/dev/null; then
    echo "primehub serve failed to start:" >&2
    tail -n 30 "$DATA_DIR/primehub.log" >&2
    exit 1
  fi
  sleep 0.5
done

# The API server trusts id_tokens of the embedded issuer for the client primehub: the
# user is the token's preferred_username as it is (the name the profile controller's
# RoleBindings give), the groups are primehub:<group>. It swaps the new configuration in
# once it has read the issuer's keys, about ten seconds after the file changes.
{
  cat <<YAML
apiVersion: apiserver.config.k8s.io/v1
kind: AuthenticationConfiguration
jwt:
- issuer:
    url: $EXTERNAL_URL/oidc
    audiences: [primehub]
    certificateAuthority: |
YAML
  sed 's/^/      /' "$TLS_DIR/ca.crt"
  cat <<'YAML'
  claimMappings:
    username:
      claim: preferred_username
      prefix: ""
    groups:
      claim: groups
      prefix: "primehub:"
  userValidationRules:
  - expression: "!user.username.startsWith('system:')"
    message: "usernames beginning with system: are the cluster's own"
YAML
} > "$AUTHN_CONFIG.tmp"
if cmp -s "$AUTHN_CONFIG.tmp" "$AUTHN_CONFIG"; then
  rm "$AUTHN_CONFIG.tmp"
else
  mv "$AUTHN_CONFIG.tmp" "$AUTHN_CONFIG"
fi

cat <<MSG

PrimeHub sandbox is up.
  primehub:    $EXTERNAL_URL/   (HTTPS with a CA of its own: trust $TLS_DIR/ca.crt, or accept the browser's warning)
  notebooks:   $NOTEBOOK_URL/notebook/...   (their own origin; the same CA)
  apps:        $APP_URL/app/...   (theirs; app templates: kubectl apply -f config/apptemplates/)
  log in:      phadmin / $(cat "$ADMIN_PASSWORD_FILE")   (the password of the first start, kept in $ADMIN_PASSWORD_FILE)
  OpenID:      $EXTERNAL_URL/oidc/.well-known/openid-configuration   (client id: primehub)
  health:      $EXTERNAL_URL/healthz   $EXTERNAL_URL/readyz
  metrics:     http://$METRICS_ADDR/metrics
  kubeconfig:  $KUBECONFIG_FILE   (cluster admin)
  nodes:       bin/devcluster kubectl --kubeconfig $KUBECONFIG_FILE get nodes
  kubectl as a user (RBAC decides; the API server trusts the issuer ~10 s after its first start):
               TOKEN=\$(hack/token.sh <username>)   # an id_token for an hour; asks the password
               bin/devcluster kubectl --kubeconfig $USER_KUBECONFIG --token "\$TOKEN" auth whoami
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
