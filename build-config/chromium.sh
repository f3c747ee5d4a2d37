#!/usr/bin/env bash
# Makes sure Debian's headless-capable Chromium and its WebDriver are installed for the console's browser test, and
# prints the chromedriver path. Installs them with apt-get when missing (as root, or through sudo), so a clean
# machine needs nothing by hand. Exits non-zero with the reason when it cannot.
set -euo pipefail
driver="$(command -v chromedriver || true)"
browser="$(command -v chromium || true)"
if [ -z "$driver" ] || [ -z "$browser" ]; then
  if [ "$(id -u)" = 0 ]; then apt=(apt-get); elif command -v sudo >/dev/null; then apt=(sudo -n apt-get);
  else echo "chromium and chromium-driver are missing and this user cannot install them (not root, no sudo)" >&2; exit 1; fi
  export DEBIAN_FRONTEND=noninteractive
  { "${apt[@]}" install -y -qq chromium chromium-driver >/dev/null 2>&1; } \
    || { "${apt[@]}" update -qq >/dev/null && "${apt[@]}" install -y -qq chromium chromium-driver >/dev/null; }
  driver="$(command -v chromedriver)"
fi
echo "$driver"
