#!/usr/bin/env bash
# Sets up a fresh Debian/Ubuntu machine for Switchboard: the real SIP parts and
# Chromium from apt, then the npm packages (Node 24 comes as a devDependency).
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  chromium fonts-noto-cjk fonts-noto-color-emoji
  kamailio kamailio-websocket-modules kamailio-tls-modules kamailio-sqlite-modules kamailio-utils-modules
  rtpengine-daemon baresip linphone-cli tcpdump sip-tester espeak-ng sox openssl iptables iproute2 util-linux
)

missing=()
for package in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  # The packages' own services are not wanted: the switchboard starts its own on free ports.
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  for service in kamailio rtpengine-daemon; do
    $SUDO systemctl disable --now "$service" >/dev/null 2>&1 || true
  done
fi

if [ ! -x node_modules/.bin/node ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: npm ci"
  ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
fi
