"""Languages. Source strings are Chinese (the default language of our operators); English comes
from ``resources/translations/siyu_en.qm``. ``SIYU_LANG=en`` or the settings pick it;
``SIYU_PSEUDO=1`` stretches every string to check that layouts survive long translations."""

from __future__ import annotations

import os

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from ..errors import UserError
from ..paths import resource

LANGUAGES = {"zh_CN": "简体中文", "en": "English"}
_installed_language = "zh_CN"


class PseudoTranslator(QTranslator):
    """Makes every string ~40% longer and bracketed, so clipped labels show up at once."""

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str:
        if not source:
            return source
        return "⟦" + source + "·" * max(2, len(source) * 2 // 5) + "⟧"

    def isEmpty(self) -> bool:  # noqa: N802 (Qt's name)
        return False


def choose_language(setting: str | None = None) -> str:
    lang = os.environ.get("SIYU_LANG") or setting or "zh_CN"
    return lang if lang in LANGUAGES else "zh_CN"


def install(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Install the translators for ``language``; returns them (they must stay referenced)."""
    global _installed_language
    _installed_language = language
    installed: list[QTranslator] = []
    if language == "en":
        translator = QTranslator(app)
        if translator.load(str(resource("translations", "siyu_en.qm"))):
            app.installTranslator(translator)
            installed.append(translator)
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    else:
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        qt_base = QTranslator(app)
        from PySide6.QtCore import QLibraryInfo
        if qt_base.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt_base)
            installed.append(qt_base)
    if os.environ.get("SIYU_PSEUDO") == "1":
        pseudo = PseudoTranslator(app)
        app.installTranslator(pseudo)
        installed.append(pseudo)
    return installed


def english() -> bool:
    """Whether the window speaks English (the language ``install`` was last given)."""
    return _installed_language == "en"


def user_error_text(exc: UserError, separator: str = "\n", *, in_english: bool | None = None) -> str:
    """A user error in the window's language: what happened, then what to do. Errors raised
    below ui/ carry their English twins (``english``, ``english_hint``); ui/ raises with tr()."""
    message, hint = exc.in_language(english() if in_english is None else in_english)
    return f"{message}{separator}{hint}" if hint else message


def tr(context: str, text: str) -> str:
    """Translate outside a QObject (module-level labels); ``context`` groups them in the .ts."""
    return QCoreApplication.translate(context, text)
