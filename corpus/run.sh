#!/bin/sh
# Generates, builds and vets an oagen client for every description of the
# pinned corpus; the flags are those of corpus/cmd/corpus (-h lists them).
# The first run installs the pinned npm packages into corpus/.cache (npm ci).
set -e
cd "$(dirname "$0")/.."
exec go run ./corpus/cmd/corpus "$@"
