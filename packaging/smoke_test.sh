#!/usr/bin/env bash
# Build the one-folder app and check that it starts offscreen, opens the demo and exits cleanly.
set -euo pipefail
cd "$(dirname "$0")/.."
python -m pip install -q "pyinstaller>=6.5"
pyinstaller --noconfirm --distpath build/dist --workpath build/work packaging/siyu_desktop.spec
tmp=$(mktemp -d)
QT_QPA_PLATFORM=offscreen SIYU_DATA_DIR="$tmp" build/dist/SiyuDesktop/SiyuDesktop --demo --smoke-test
echo "frozen app: $(du -sh build/dist/SiyuDesktop | cut -f1)"
rm -rf "$tmp"
