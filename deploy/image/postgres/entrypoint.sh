#!/bin/sh
# The stand-in's entrypoint, doing what the official postgres image's entrypoint does for the settings Gatehouse
# uses: on first start, a cluster in $PGDATA whose superuser is $POSTGRES_USER (password $POSTGRES_PASSWORD, asked
# for over TCP with scram-sha-256) and a database $POSTGRES_DB; then PostgreSQL in the foreground, listening on
# every address. Started as root, it owns $PGDATA to postgres and runs as postgres.
set -eu
if [ "${1:-postgres}" != postgres ]; then exec "$@"; fi
if [ "$(id -u)" = 0 ]; then
  mkdir -p "$PGDATA" /var/run/postgresql
  chown postgres:postgres "$PGDATA" /var/run/postgresql
  chmod 700 "$PGDATA"
  exec setpriv --reuid=postgres --regid=postgres --init-groups "$0" "$@"
fi
user=${POSTGRES_USER:-postgres}
database=${POSTGRES_DB:-$user}
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  : "${POSTGRES_PASSWORD:?the database is uninitialized: set POSTGRES_PASSWORD (the superuser's password)}"
  pwfile=$(mktemp)
  printf '%s\n' "$POSTGRES_PASSWORD" >"$pwfile"
  initdb --pgdata="$PGDATA" --username="$user" --pwfile="$pwfile" --encoding=UTF8 --locale=C.UTF-8 \
    --auth-local=trust --auth-host=scram-sha-256 >/dev/null
  rm -f "$pwfile"
  printf "\nlisten_addresses = '*'\n" >>"$PGDATA/postgresql.conf"
  printf 'host all all all scram-sha-256\n' >>"$PGDATA/pg_hba.conf"
  if [ "$database" != postgres ]; then
    # Through the socket only, while no client can connect over TCP.
    pg_ctl --pgdata="$PGDATA" --options="-c listen_addresses=''" --wait --silent start
    psql --username="$user" --dbname=postgres --no-psqlrc --set=ON_ERROR_STOP=1 --quiet \
      --command="CREATE DATABASE \"$database\""
    pg_ctl --pgdata="$PGDATA" --mode=fast --wait --silent stop
  fi
  echo "stand-in: initialized $PGDATA (superuser $user, database $database)" >&2
fi
exec "$@"
