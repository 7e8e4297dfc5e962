#!/usr/bin/env bash
# The board-pack benchmark compares our merge with qpdf's. Installs Debian's qpdf when it is missing and
# this is a root shell on Debian; otherwise says what to run, and fails.
set -euo pipefail
if command -v qpdf >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's qpdf for the board-pack benchmark (once)…" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq qpdf >/dev/null
  command -v qpdf >/dev/null && exit 0
fi
echo "The board-pack benchmark needs qpdf: install it with 'sudo apt-get install -y qpdf' (Debian/Ubuntu), then run npm run bench:pack again." >&2
exit 1
