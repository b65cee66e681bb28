#!/usr/bin/env bash
# Installs what Myna needs beyond the .NET SDK, only when missing (Debian, as root or with sudo).
#   install-deps.sh run   — for running the product
#   install-deps.sh test  — for the test suite: PostgreSQL server, Chromium, a Japanese font, openssl, PC/SC with OpenSC
set -euo pipefail
mode=${1:-run}

need=()
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
want() { have_pkg "$1" || need+=("$1"); }

want fonts-ipaexfont
if [ "$mode" = test ]; then
  want chromium
  want postgresql
  want poppler-utils  # pdftoppm: PDF pages to images, for reading QR codes back
  want zbar-tools     # zbarimg: a standard QR decoder
  want openssl        # the reference client for certificates, CRLs and OCSP
  want pcscd          # PC/SC daemon, with the vpcd virtual reader for the virtual card
  want vsmartcard-vpcd
  want opensc         # pkcs15-tool / pkcs15-crypt: the reference card software (JPKI driver)
fi

if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}" >&2
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq >&2
  $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
fi
