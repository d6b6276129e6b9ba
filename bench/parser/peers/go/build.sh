#!/usr/bin/env bash
# Builds the expfmt peer from Debian's packages (golang-go, golang-github-prometheus-common-dev),
# GOPATH mode, no network.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
GO111MODULE=off GOPATH=/usr/share/gocode GOCACHE="${TMPDIR:-/tmp}/expfmt-bench-cache" \
  go build -o expfmt-bench main.go
