#!/bin/sh
# The browser tests drive Debian's Chromium at /usr/bin/chromium (Playwright's own browser download
# does not work here) and need a CJK font, or Chinese renders as boxes. Missing: as root with
# apt-get, install them; otherwise stop with the one command to run. Never a silent skip.
set -eu

INSTALL="apt-get update && apt-get install -y --no-install-recommends chromium fonts-wqy-zenhei"

has_cjk_font() {
  if command -v fc-list >/dev/null 2>&1; then
    [ -n "$(fc-list :lang=zh family 2>/dev/null | head -n 1)" ]
  else
    [ -f /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ]
  fi
}

missing=""
[ -x /usr/bin/chromium ] || missing="chromium"
has_cjk_font || missing="${missing:+$missing and }a CJK font (fonts-wqy-zenhei)"
[ -z "$missing" ] && exit 0

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "browser tests: $missing missing — installing: $INSTALL"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends chromium fonts-wqy-zenhei
  [ -x /usr/bin/chromium ] || { echo "browser tests: /usr/bin/chromium is still missing after the install" >&2; exit 1; }
  exit 0
fi

echo "browser tests: $missing missing. Install with (as root):" >&2
echo "  sudo sh -c '$INSTALL'" >&2
exit 1
