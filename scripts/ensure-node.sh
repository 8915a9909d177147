#!/usr/bin/env bash
# Install Debian's node and npm for the script lint and tests when missing (needs root and apt).
set -euo pipefail
if command -v node >/dev/null && command -v npm >/dev/null; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  echo "scripts/ensure-node.sh: node and npm are missing — install Debian's nodejs and npm packages (apt-get install nodejs npm) as root" >&2
  exit 1
fi
echo "Installing Debian's nodejs and npm for the script lint and tests…"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
