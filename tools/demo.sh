#!/bin/sh
# make demo: build the demo content (content/ + config.yaml) into
# site-out/ as an editor's preview.
set -e
cd "$(dirname "$0")/.."
./gongkai check .
./gongkai build --preview --out site-out .
echo "demo: open site-out/index.html"
