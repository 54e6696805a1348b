#!/usr/bin/env bash
# `npm run test:e2e` — see scripts/e2e.mjs
exec node "$(dirname "$0")/e2e.mjs" "$@"
