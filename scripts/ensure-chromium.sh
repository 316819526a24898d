#!/usr/bin/env bash
# Makes sure a Chromium is there for the browser tests (tests/AtlasGuard.Browser.Tests), installing Debian's
# chromium package when it is missing and this machine allows it. Never fails the build: without a browser the
# browser tests skip with the reason on a developer machine (under CI they fail, saying why).
set -uo pipefail

if [ -n "${ATLASGUARD_CHROMIUM:-}" ] && [ -x "${ATLASGUARD_CHROMIUM}" ]; then
  exit 0
fi
for candidate in /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome-stable /usr/bin/google-chrome; do
  [ -x "$candidate" ] && exit 0
done

if ! command -v apt-get >/dev/null 2>&1; then
  echo "note: no Chromium and no apt-get; install Chromium (or set ATLASGUARD_CHROMIUM) to run the browser tests." >&2
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo=(sudo -n)
else
  echo "note: no Chromium; run 'sudo apt-get install chromium' to run the browser tests." >&2
  exit 0
fi

echo "Installing Debian's chromium package for the browser tests (once)..."
log=$(mktemp)
export DEBIAN_FRONTEND=noninteractive
if ! "${sudo[@]}" apt-get install -y -q chromium >"$log" 2>&1; then
  # A fresh machine may have no package lists yet.
  "${sudo[@]}" apt-get update -q >>"$log" 2>&1
  if ! "${sudo[@]}" apt-get install -y -q chromium >>"$log" 2>&1; then
    echo "note: installing chromium failed; the browser tests cannot run. Last lines of apt-get:" >&2
    tail -n 5 "$log" >&2
  fi
fi
rm -f "$log"
exit 0
