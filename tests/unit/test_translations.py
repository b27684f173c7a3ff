"""The English translation: complete, loadable, and faithful to the source's placeholders."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET  # noqa: S405 - our own file
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "siyu_en.ts"
QM = TS.with_suffix(".qm")
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def messages() -> list[tuple[str, str, str]]:
    found = []
    for context in ET.parse(TS).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            found.append((name, message.findtext("source") or "",
                          message.findtext("translation") or ""))
    return found


def test_every_ui_string_is_extracted_and_translated() -> None:
    """A new tr() string, or one left untranslated, fails here (and so in CI)."""
    done = subprocess.run([sys.executable, str(ROOT / "packaging" / "translations.py"), "--check"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr


def test_qm_loads_and_translates(qapp: object) -> None:
    from PySide6.QtCore import QCoreApplication, QTranslator

    translator = QTranslator()
    assert translator.load(str(QM)), f"cannot load {QM}"
    assert QCoreApplication.installTranslator(translator)
    try:
        assert QCoreApplication.translate("RosterModel", "姓名") == "Name"
        assert QCoreApplication.translate("labels", "黑金") == "Black Gold"
    finally:
        QCoreApplication.removeTranslator(translator)
    assert QCoreApplication.translate("RosterModel", "姓名") == "姓名"


def test_translations_keep_placeholders() -> None:
    """Each translation has exactly the source's {placeholders}, and no Chinese quotes."""
    wrong = []
    for context, source, translation in messages():
        if not translation.strip():
            wrong.append(f"{context}: {source!r} has no translation")
        elif set(PLACEHOLDER.findall(translation)) != set(PLACEHOLDER.findall(source)):
            wrong.append(f"{context}: {source!r} -> {translation!r}")
        elif "“" in translation or "”" in translation:
            wrong.append(f"{context}: Chinese quotes in {translation!r}")
    assert messages(), f"no messages in {TS}"
    assert not wrong, "\n".join(wrong)


def test_qt_own_dialog_words_follow_the_language(qapp: object) -> None:
    """Qt's own buttons (the file dialog's, a message box's) speak Chinese too: qtbase_zh_CN is
    found in the Qt installation and loads."""
    from PySide6.QtCore import QCoreApplication

    from siyu_desktop.ui import i18n

    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
    installed = i18n.install(QCoreApplication.instance(), "zh_CN")  # type: ignore[arg-type]
    try:
        assert installed, "qtbase_zh_CN.qm was not found in the Qt installation"
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
        assert not i18n.english()
    finally:
        for translator in installed:
            QCoreApplication.removeTranslator(translator)
    english = i18n.install(QCoreApplication.instance(), "en")  # type: ignore[arg-type]
    try:
        assert i18n.english()
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
    finally:
        for translator in english:
            QCoreApplication.removeTranslator(translator)
        # back to the default language for the tests that follow, with no translator left
        for translator in i18n.install(QCoreApplication.instance(), "zh_CN"):  # type: ignore[arg-type]
            QCoreApplication.removeTranslator(translator)
