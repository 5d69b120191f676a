#!/usr/bin/env bash
# Starts this machine's PostgreSQL cluster and makes the role and database that the *.pg.test.ts
# files use. Safe to run again. CI runs it before `npm test`; run it yourself before the tests:
#   bash scripts/test-postgres-setup.sh && npm test
# The tests connect to $CRM_TEST_DATABASE_URL, by default the URL this prints.
set -euo pipefail

version=${PG_CLUSTER_VERSION:-15}
cluster=${PG_CLUSTER_NAME:-main}
role=crm_test
password=crm_test
database=crm_test

# As root (a CI container) run directly, else through sudo.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}
as_postgres() {
  if [ "$(id -un)" = postgres ]; then
    "$@"
  elif [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    sudo -u postgres "$@"
  fi
}
# psql as the postgres superuser over the local socket (peer authentication); cd / so that the
# postgres user is not left in a directory it may not read.
psql_admin() {
  (cd / && as_postgres psql --no-psqlrc -v ON_ERROR_STOP=1 -qAt "$@")
}

if ! pg_ctlcluster "$version" "$cluster" status >/dev/null 2>&1; then
  echo "starting PostgreSQL $version/$cluster" >&2
  as_root pg_ctlcluster "$version" "$cluster" start
fi
port=$(pg_conftool -s "$version" "$cluster" show port 2>/dev/null || echo 5432)
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p "$port" && break
  sleep 1
done
pg_isready -h 127.0.0.1 -p "$port" >&2

psql_admin -p "$port" -d postgres <<SQL
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$role') THEN
    CREATE ROLE $role LOGIN CREATEDB PASSWORD '$password';
  ELSE
    ALTER ROLE $role LOGIN CREATEDB PASSWORD '$password';
  END IF;
END
\$\$;
SQL
if [ "$(psql_admin -p "$port" -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$database'")" != 1 ]; then
  psql_admin -p "$port" -d postgres -c "CREATE DATABASE $database OWNER $role"
fi

echo "postgres://$role:$password@127.0.0.1:$port/$database"
