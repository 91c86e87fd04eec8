#!/usr/bin/env bash
# Sends a WhatsApp text message to the local hub exactly as Meta would: a webhook event signed with
# the app secret (X-Hub-Signature-256). Prints the hub's answer.
#   scripts/send-demo-message.sh "Hola, ¿a qué hora abren?" [FROM_PHONE]
# Environment: HUB_URL (http://localhost:8080), HUB_WHATSAPP_APP_SECRET (demo-app-secret, as run.sh),
#              HUB_DEMO_PHONE_NUMBER_ID (100000000000001, the demo chatbot's number)
set -euo pipefail
text=${1:-Hola, ¿a qué hora abren mañana?}
from=${2:-34600111222}
url=${HUB_URL:-http://localhost:8080}
secret=${HUB_WHATSAPP_APP_SECRET:-demo-app-secret}
phone_number_id=${HUB_DEMO_PHONE_NUMBER_ID:-100000000000001}
for tool in curl openssl; do
  command -v $tool >/dev/null || { apt-get update -qq && apt-get install -y -qq $tool >/dev/null; }
done

json_text=$(printf '%s' "$text" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g')
wamid="wamid.demo.$(date +%s%N)"
body=$(cat <<JSON
{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"$phone_number_id"},"contacts":[{"profile":{"name":"Demo Customer"},"wa_id":"$from"}],"messages":[{"from":"$from","id":"$wamid","timestamp":"$(date +%s)","type":"text","text":{"body":"$json_text"}}]}}]}]}
JSON
)
signature=$(printf '%s' "$body" | openssl dgst -sha256 -hmac "$secret" | sed 's/^.* //')
echo "POST $url/webhook  wamid=$wamid"
curl -sS -w '\nHTTP %{http_code}\n' -X POST "$url/webhook" \
  -H 'Content-Type: application/json' -H "X-Hub-Signature-256: sha256=$signature" --data-binary "$body"
