"""Refresh the English translation: extract every tr() string from the UI into
resources/translations/siyu_en.ts (keeping existing translations), then compile siyu_en.qm.

    python packaging/translations.py            # lupdate + lrelease
    python packaging/translations.py --check    # exit 1 if a string is new or untranslated
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET  # noqa: S405 - our own file, not untrusted input
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "translations" / "siyu_en.ts"
QM = TS.with_suffix(".qm")


def sources() -> list[str]:
    files = sorted((ROOT / "siyu_desktop" / "ui").rglob("*.py")) + [ROOT / "siyu_desktop" / "app.py"]
    return [str(p) for p in files]


def tool(name: str) -> str:
    found = shutil.which(f"pyside6-{name}")
    if found:
        return found
    import PySide6  # the wheels ship the Qt tools next to the package

    candidates = list(Path(PySide6.__file__).parent.glob(f"{name}*")) + list(
        (Path(PySide6.__file__).parent / "Qt" / "libexec").glob(f"{name}*"))
    if not candidates:
        raise SystemExit(f"pyside6-{name} not found")
    return str(candidates[0])


def lupdate(target: Path) -> str:
    done = subprocess.run([tool("lupdate"), *sources(), "-no-obsolete", "-source-language", "zh_CN",
                           "-target-language", "en_US", "-ts", str(target)],
                          capture_output=True, text=True, check=True)
    return done.stdout + done.stderr


def untranslated(ts: Path) -> list[str]:
    missing = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") in ("unfinished", "vanished") \
                    or not (translation.text or "").strip():
                missing.append(f"{name}: {message.findtext('source')}")
    return missing


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / TS.name
            shutil.copy(TS, copy)
            lupdate(copy)
            missing = untranslated(copy)
        for line in missing:
            print("untranslated:", line)
        return 1 if missing else 0
    print(lupdate(TS))
    subprocess.run([tool("lrelease"), str(TS), "-qm", str(QM)], check=True)
    missing = untranslated(TS)
    print(f"{len(missing)} strings still need an English translation")
    return 0


if __name__ == "__main__":
    sys.exit(main())
