#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (no browser download is possible or wanted). Installs it
# when it is missing and this is a root shell on Debian; otherwise says what to run, and fails.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests (once)…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  command -v chromium >/dev/null && exit 0
fi
echo "The browser tests need Chromium: install it with 'sudo apt-get install -y chromium' (Debian/Ubuntu), then run npm test again." >&2
exit 1
