#!/usr/bin/env bash
# Starts the production build with `npm start` on a free port and checks that
# the SPA and /healthz answer, then stops it. Uses DATABASE_URL when set.
set -euo pipefail
port=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
data=$(mktemp -d /tmp/kit-smoke.XXXXXX)
log="$data/server.log"
PORT=$port DATA_DIR="$data" NODE_ENV=production \
  PUBLIC_ORIGIN="http://127.0.0.1:$port" WECHAT_APPID=wx0123456789abcdef \
  WECHAT_APPSECRET=0123456789abcdef0123456789abcdef SESSION_SECRET=smoke-test-secret-0123456789abcdef \
  npm start >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 60); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  kill -0 $pid 2>/dev/null || { cat "$log"; echo "npm start exited early" >&2; exit 1; }
  sleep 0.5
done
health=$(curl -fsS "http://127.0.0.1:$port/healthz")
echo "healthz: $health"
echo "$health" | grep -q '"status":"up"' || { cat "$log"; exit 1; }
page=$(curl -fsS -H 'accept: text/html' "http://127.0.0.1:$port/polls/weekly")
echo "$page" | grep -q '<div id="app">' || { echo "SPA fallback did not serve index.html" >&2; exit 1; }
cache=$(curl -fsS -o /dev/null -D - -H 'accept: text/html' -H 'accept-encoding: br, gzip' "http://127.0.0.1:$port/polls/weekly" | tr -d '\r' | grep -i '^cache-control:')
echo "$cache" | grep -qi 'no-cache' || { echo "index.html must be served no-cache, got: $cache" >&2; exit 1; }
echo "npm start serves the SPA and the API (database: $(echo "$health" | sed 's/.*"kind":"\([a-z]*\)".*/\1/'))"

# A bad environment variable stops start-up with a clear message.
if out=$(PORT=eighty PUBLIC_ORIGIN=h5.example.com npm start 2>&1); then
  echo "npm start accepted a bad PORT" >&2; exit 1
fi
echo "$out" | grep -q 'PORT must be a port number' || { echo "$out"; exit 1; }
echo "$out" | grep -q 'PUBLIC_ORIGIN must be an absolute URL' || { echo "$out"; exit 1; }
echo "a bad environment stops start-up with a clear message"
