#!/usr/bin/env bash
# Eval on the tuning part of samples/ (everything but samples/holdout/). Developer aid.
cd "$(dirname "$0")/.." || exit 2
dirs=$(find samples -mindepth 1 -maxdepth 1 -type d ! -name holdout | sort)
exec ./target/release/postocr eval $dirs "$@"
