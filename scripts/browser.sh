#!/usr/bin/env bash
# The browser the page tests drive: Debian's Chromium and its chromedriver, from the distribution's packages, so
# nothing downloads a browser build of its own. Idempotent: with both binaries present it does nothing.
# Under CI=true a browser it cannot install fails the run; elsewhere the browser tests skip and say why.
# DejaVu gives the screenshots real glyphs on a machine that has no fonts yet.
set -uo pipefail

CHROMIUM=/usr/bin/chromium
CHROMEDRIVER=/usr/bin/chromedriver

if [ -x "$CHROMIUM" ] && [ -x "$CHROMEDRIVER" ]; then
  exit 0
fi

give_up() {
  echo "browser: $1" >&2
  if [ "${CI:-}" = "true" ]; then
    exit 1
  fi
  echo "browser: the browser tests will be skipped (under CI=true they fail)." >&2
  exit 0
}

if [ "$(id -u)" -ne 0 ]; then
  give_up "$CHROMIUM or $CHROMEDRIVER is missing and installing them needs root: sudo apt-get install -y chromium chromium-driver"
fi
if ! command -v apt-get >/dev/null 2>&1; then
  give_up "$CHROMIUM or $CHROMEDRIVER is missing and there is no apt-get to install chromium and chromium-driver with"
fi

echo "browser: installing Debian's chromium and chromium-driver" >&2
export DEBIAN_FRONTEND=noninteractive
if ! apt-get update -qq || ! apt-get install -y -qq --no-install-recommends chromium chromium-driver fonts-dejavu-core >&2; then
  give_up "apt-get could not install chromium and chromium-driver"
fi
if [ ! -x "$CHROMIUM" ] || [ ! -x "$CHROMEDRIVER" ]; then
  give_up "chromium and chromium-driver installed, but $CHROMIUM or $CHROMEDRIVER is still missing"
fi
echo "browser: $("$CHROMIUM" --version 2>/dev/null), $("$CHROMEDRIVER" --version 2>/dev/null | head -n 1)" >&2
