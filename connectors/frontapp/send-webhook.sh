#!/usr/bin/env bash
# Sends a Front application webhook to a running hub, signed the way Front signs it:
#   x-front-signature = base64(HMAC-SHA256(secret, "<timestamp ms>:" + raw body))
# Usage: connectors/frontapp/send-webhook.sh [body.json] [hub url]
#   FRONT_SECRET  the secret the hub was started with (hub.webhooks.frontapp.secret)
set -euo pipefail
body_file="${1:-$(dirname "$0")/samples/inbound-message.json}"
hub="${2:-http://localhost:8080}"
secret="${FRONT_SECRET:?set FRONT_SECRET to the hub.webhooks.frontapp.secret the hub runs with}"

timestamp="$(date +%s%3N)"
signature="$( (printf '%s:' "$timestamp"; cat "$body_file") \
  | openssl dgst -sha256 -hmac "$secret" -binary | openssl base64 -A)"

curl -sS -w '\nHTTP %{http_code}\n' -X POST "$hub/webhooks/frontapp" \
  -H 'content-type: application/json' \
  -H "x-front-request-timestamp: $timestamp" \
  -H "x-front-signature: $signature" \
  --data-binary "@$body_file"
