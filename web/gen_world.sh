#!/bin/sh
# Regenerates assets/world.json from npm world-atlas (Natural Earth).
set -e
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent world-atlas@2.0.2 >/dev/null && tar xzf world-atlas-2.0.2.tgz)
go run ./internal/worldgen "$tmp/package/countries-50m.json" internal/worldgen/iso3166-numeric.tsv > assets/world.json
