#!/usr/bin/env bash
# Puts Prometheus's promtool at target/tools/promtool (from Debian's prometheus package, unpacked, not installed)
# and prints its path. The tests that check docker/prometheus/alerts.yml call it; nothing is installed system-wide.
set -euo pipefail
cd "$(dirname "$0")/.."
tools=target/tools
if [ ! -x "$tools/promtool" ]; then
  mkdir -p "$tools/deb"
  (cd "$tools/deb" && { apt-get download prometheus >/dev/null 2>&1 \
    || { apt-get update -qq >/dev/null && apt-get download prometheus >/dev/null 2>&1; }; })
  dpkg-deb -x "$tools"/deb/prometheus_*.deb "$tools/deb/x"
  cp "$tools/deb/x/usr/bin/promtool" "$tools/promtool"
  rm -rf "$tools/deb"
fi
echo "$PWD/$tools/promtool"
