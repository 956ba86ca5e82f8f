#!/usr/bin/env bash
# Installs every system package postocr needs on Debian 12 (bookworm) / Ubuntu.
# Idempotent: when everything is present it only checks and returns in about a second.
# Works as root or through sudo.  Set POSTOCR_SETUP_EXTRAS=1 to also install the tools
# used only to regenerate samples and run benchmarks (chromium, fonts, hyperfine, parallel).
set -euo pipefail

packages=(
  tesseract-ocr tesseract-ocr-eng tesseract-ocr-rus tesseract-ocr-ukr
  libtesseract-dev libleptonica-dev
  clang libclang-dev pkg-config
)
if [ "${POSTOCR_SETUP_EXTRAS:-0}" = "1" ]; then
  packages+=(chromium fonts-noto-core fonts-noto-color-emoji fonts-roboto fonts-liberation2
             hyperfine parallel time imagemagick)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} system packages present" >&2
else
  echo "setup: installing ${missing[*]}" >&2
  if [ "$(id -u)" -eq 0 ]; then sudo=(); else sudo=(sudo); fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

# Rust toolchain: the project builds with stable cargo.
if ! command -v cargo >/dev/null 2>&1; then
  echo "setup: cargo not found; install Rust (https://rustup.rs) and re-run" >&2
  exit 2
fi
