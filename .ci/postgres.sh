#!/usr/bin/env bash
# Starts a PostgreSQL server for the store and scale-out tests and exports
# PARLEY_TEST_PG_DSN. Source it from .ci/run (". .ci/postgres.sh") so the
# export reaches `go test`; it installs Debian's postgresql when absent.
# The fault tests in cmd/parley start their own private cluster from the
# same binaries (they restart it), so they need only the package.
if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq postgresql >/dev/null
fi
pg_version=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h | grep -q "^$pg_version main"; then
	pg_createcluster "$pg_version" main >/dev/null
fi
if ! pg_lsclusters -h | grep -q "^$pg_version main .* online"; then
	pg_ctlcluster "$pg_version" main start
fi
pg_port=$(pg_lsclusters -h | awk -v v="$pg_version" '$1 == v && $2 == "main" {print $3}')
su postgres -c "psql -q -p $pg_port" <<'SQL'
SELECT 'CREATE ROLE parley LOGIN PASSWORD ''parley'' CREATEDB'
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'parley')\gexec
SELECT 'CREATE DATABASE parley_test OWNER parley'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'parley_test')\gexec
SQL
export PARLEY_TEST_PG_DSN="postgres://parley:parley@127.0.0.1:$pg_port/parley_test?sslmode=disable"
echo "PostgreSQL $pg_version on port $pg_port: PARLEY_TEST_PG_DSN=$PARLEY_TEST_PG_DSN"
