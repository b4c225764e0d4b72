#!/usr/bin/env bash
# Prints an OpenID id_token of a sandbox user, for `kubectl --token`: it logs in to the
# embedded issuer the way the console does (authorization code with PKCE, client
# "primehub"), posting the issuer's own login form, and exchanges the code for tokens.
#
#   hack/token.sh USERNAME          the password is read from PRIMEHUB_PASSWORD, else asked
#
# PRIMEHUB_URL is primehub's external URL (default https://127.0.0.1:8080, as `make run`
# serves it) and PRIMEHUB_CA the CA that signed its certificate (default
# .primehub-dev/tls/ca.crt). The id_token lasts an hour; run this again for a new one.
# Needs curl and openssl.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -ne 1 ]; then
  echo "usage: $0 USERNAME   (password from PRIMEHUB_PASSWORD, else asked)" >&2
  exit 2
fi
username=$1
URL=${PRIMEHUB_URL:-https://${PRIMEHUB_HTTP_ADDR:-127.0.0.1:8080}}
URL=${URL%/}
CA=${PRIMEHUB_CA:-${PRIMEHUB_DEV_DIR:-$PWD/.primehub-dev}/tls/ca.crt}
CLIENT_ID=${PRIMEHUB_CLIENT_ID:-primehub}
password=${PRIMEHUB_PASSWORD:-}
if [ -z "$password" ]; then
  read -rsp "password of $username: " password </dev/tty
  echo >&2
fi

cacert=()
if [[ $URL == https://* ]]; then
  [ -r "$CA" ] || { echo "$CA not found: set PRIMEHUB_CA to the CA of $URL" >&2; exit 1; }
  cacert=(--cacert "$CA")
fi
jar=$(mktemp)
trap 'rm -f "$jar"' EXIT
curl_() { curl -sS "${cacert[@]}" -b "$jar" -c "$jar" "$@"; }
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
urlencode() { local s=$1 out= c i; for ((i = 0; i < ${#s}; i++)); do c=${s:i:1}
  case $c in [a-zA-Z0-9.~_-]) out+=$c ;; *) printf -v c '%%%02X' "'$c"; out+=$c ;; esac; done; printf %s "$out"; }

issuer=$URL/oidc
redirect=$URL/console/callback
verifier=$(head -c 32 /dev/urandom | b64url)
challenge=$(printf %s "$verifier" | openssl dgst -sha256 -binary | b64url)
state=$(head -c 12 /dev/urandom | b64url)

# The authorization request lands on the login form, which names the request.
form=$(curl_ -fL "$issuer/authorize?client_id=$CLIENT_ID&response_type=code&scope=openid%20profile%20email&redirect_uri=$(urlencode "$redirect")&state=$state&code_challenge=$challenge&code_challenge_method=S256")
id=$(sed -n 's/.*name="authRequestID" value="\([^"]*\)".*/\1/p' <<<"$form")
[ -n "$id" ] || { echo "the issuer at $issuer did not answer its login form" >&2; exit 1; }

# The login sends the browser on to the console's callback with a code; stop there.
status=$(curl_ -o /dev/null -w '%{http_code} %{redirect_url}' --data-urlencode "authRequestID=$id" \
  --data-urlencode "username=$username" --data-urlencode "password=$password" "$issuer/login")
next=${status#* }
if [ "${status%% *}" != 302 ]; then
  echo "login as $username failed (HTTP ${status%% *}): wrong username or password?" >&2
  exit 1
fi
back=$(curl_ -o /dev/null -w '%{redirect_url}' "$next")
code=$(sed -n 's/.*[?&]code=\([^&]*\).*/\1/p' <<<"$back")
[ -n "$code" ] || { echo "the issuer sent no code: $back" >&2; exit 1; }

tokens=$(curl_ -f -d grant_type=authorization_code -d client_id="$CLIENT_ID" -d code="$code" \
  --data-urlencode "redirect_uri=$redirect" -d code_verifier="$verifier" "$issuer/oauth/token")
idt=$(sed -n 's/.*"id_token":"\([^"]*\)".*/\1/p' <<<"$tokens")
[ -n "$idt" ] || { echo "the token endpoint answered no id_token" >&2; exit 1; }
printf '%s\n' "$idt"
