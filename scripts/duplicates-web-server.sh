#!/usr/bin/env bash
# Lists the `duplicates` rows that pair an apps/web file with a server file (libs/*, apps/api):
# one web folder (each feature on its own) against one server folder at a time, in a scratch
# copy, because the whole-tree listing stops at 200 rows. Prints nothing when there are none.
# Needs the `duplicates` command; takes a minute or two. Usage: scripts/duplicates-web-server.sh
set -euo pipefail
cd "$(git rev-parse --show-toplevel)"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
web_parts=$(git ls-files -co --exclude-standard apps/web/src | awk -F/ '$4 == "features" && NF > 5 { print $4 "/" $5; next }
  NF > 4 { print $4; next } { print "." }' | sort -u)
server_parts=$(git ls-files -co --exclude-standard libs apps/api | awk -F/ '{ print $1 "/" $2 }' | sort -u)
for web in $web_parts; do
  for server in $server_parts; do
    rm -rf "${scratch:?}"/*
    if [ "$web" = . ]; then files=$(git ls-files -co --exclude-standard apps/web/src | awk -F/ 'NF == 4'); else files=$(git ls-files -co --exclude-standard "apps/web/src/$web"); fi
    for file in $files $(git ls-files -co --exclude-standard "$server"); do
      mkdir -p "$scratch/$(dirname "$file")" && cp "$file" "$scratch/$file"
    done
    duplicates --repo "$scratch" --most 200 --seconds 60 |
      grep -E ' apps/web/[^ ]* ~ (libs|apps/api)/| (libs|apps/api)/[^ ]* ~ apps/web/' || true
  done
done
