#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL server: initdb + pg_ctl into a
# temporary directory on a free loopback port, stopped and removed afterwards.
# The command sees TEST_DATABASE_URL and DATABASE_URL. Installs Debian's
# postgresql package when it is missing and we are root.
#   usage: scripts/with-postgres.sh <command> [args...]
set -euo pipefail

find_bin() {
  command -v "$1" 2>/dev/null && return
  ls /usr/lib/postgresql/*/bin/"$1" 2>/dev/null | sort -V | tail -1
}

if [ -z "$(find_bin initdb)" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "PostgreSQL not found: installing Debian's postgresql package…"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  else
    echo "PostgreSQL (initdb, pg_ctl) is needed for this run: sudo apt-get install postgresql" >&2
    exit 1
  fi
fi
INITDB=$(find_bin initdb)
PG_CTL=$(find_bin pg_ctl)
POSTGRES=$(find_bin postgres)

port=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
dir=$(mktemp -d /tmp/kit-pg.XXXXXX)
# initdb refuses to run as root; use the postgres system user when we are root.
as_pg=()
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  chown postgres "$dir"
  as_pg=(runuser -u postgres --)
fi

cleanup() {
  "${as_pg[@]}" "$PG_CTL" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT

"${as_pg[@]}" "$INITDB" -D "$dir/data" -U kit --auth=trust --encoding=UTF8 --locale=C >/dev/null
"${as_pg[@]}" "$PG_CTL" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
psql -h 127.0.0.1 -p "$port" -U kit -d postgres -qc 'CREATE DATABASE kit' 2>/dev/null \
  || node -e "const pg=require('pg');const c=new pg.Client('postgres://kit@127.0.0.1:$port/postgres');c.connect().then(()=>c.query('CREATE DATABASE kit')).then(()=>c.end())"

export TEST_DATABASE_URL="postgres://kit@127.0.0.1:$port/kit"
export DATABASE_URL="$TEST_DATABASE_URL"
echo "PostgreSQL $("$POSTGRES" --version | awk '{print $3}') on 127.0.0.1:$port"
"$@"
