#!/usr/bin/env bash
# Starts the production build with `npm start` on a free port and checks that
# the SPA and /healthz answer, then stops it with SIGTERM and checks that it
# drained and that no process of it is left. Uses DATABASE_URL when set.
set -euo pipefail
port=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
data=$(mktemp -d /tmp/kit-smoke.XXXXXX)
log="$data/server.log"
PORT=$port DATA_DIR="$data" NODE_ENV=production \
  PUBLIC_ORIGIN="http://127.0.0.1:$port" WECHAT_APPID=wx0123456789abcdef \
  WECHAT_APPSECRET=0123456789abcdef0123456789abcdef SESSION_SECRET=smoke-test-secret-0123456789abcdef \
  setsid npm start >"$log" 2>&1 &
# setsid makes npm the leader of its own process group: signalling the group reaches
# npm, its shell and the node server alike, so nothing outlives this script.
pid=$!
group_alive() { kill -0 -- "-$pid" 2>/dev/null; }
stop_group() {
  kill -TERM -- "-$pid" 2>/dev/null || true
  for _ in $(seq 1 40); do group_alive || return 0; sleep 0.25; done
  kill -KILL -- "-$pid" 2>/dev/null || true
  return 1
}
trap 'stop_group || true; wait $pid 2>/dev/null || true; rm -rf "$data"' EXIT
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

# SIGTERM drains and exits; no npm, shell or node process of the group survives.
stop_group || { cat "$log"; echo "npm start left processes behind after SIGTERM" >&2; exit 1; }
grep -q 'drained; database closed' "$log" || { cat "$log"; echo "the server did not drain and close its database on SIGTERM" >&2; exit 1; }
echo "SIGTERM drained the server, closed the database and left no process behind"

# A bad environment variable stops start-up with a clear message.
if out=$(PORT=eighty PUBLIC_ORIGIN=h5.example.com npm start 2>&1); then
  echo "npm start accepted a bad PORT" >&2; exit 1
fi
echo "$out" | grep -q 'PORT must be a port number' || { echo "$out"; exit 1; }
echo "$out" | grep -q 'PUBLIC_ORIGIN must be an absolute URL' || { echo "$out"; exit 1; }
echo "a bad environment stops start-up with a clear message"
