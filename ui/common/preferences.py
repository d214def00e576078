"""Non-content preferences, typed, with their defaults in one place.

QSettings here holds window geometry and these choices only: never titles, searches,
paths to exports, or anything the client wrote.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QSettings

from app.follow.offsets import parse_offsets
from app.paths import config_folder

THEMES = ("system", "light", "dark")


@dataclass
class Preferences:
    auto_lock_minutes: int = 5  # 0 = off
    theme: str = "system"
    text_size: int = 12  # points, for writing areas
    # -- follow-through: revisit offers (days after a session) --
    revisits: bool = True
    revisit_days: tuple[int, ...] = (1, 7, 30)
    # -- spelling: on by default; the language is one of the bundled dictionaries --
    spell_check: bool = True
    spell_language: str = "en_US"
    writing_font: str = ""  # a font family; "" lets the app choose a serif


def _settings() -> QSettings:
    folder = config_folder()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)


def load() -> Preferences:
    s = _settings()
    defaults = Preferences()

    def as_int(key: str, default: int, low: int, high: int) -> int:
        raw = s.value(key, default)
        if not isinstance(raw, int | float | str | bytes):
            return default  # what int() refused before: a list, an empty value…
        try:
            value = int(raw)
        except (TypeError, ValueError):
            return default
        return min(max(value, low), high)

    theme = str(s.value("prefs/theme", defaults.theme))
    days = parse_offsets(str(s.value("prefs/revisit_days", "1, 7, 30")))
    return Preferences(
        auto_lock_minutes=as_int("prefs/auto_lock_minutes", defaults.auto_lock_minutes, 0, 240),
        theme=theme if theme in THEMES else defaults.theme,
        text_size=as_int("prefs/text_size", defaults.text_size, 8, 32),
        revisits=str(s.value("prefs/revisits", "true")).lower() not in ("false", "0"),
        revisit_days=days,
        spell_check=str(s.value("prefs/spell_check", "true")).lower() not in ("false", "0"),
        spell_language=str(s.value("prefs/spell_language", defaults.spell_language)),
        writing_font=str(s.value("prefs/writing_font", "")),
    )


def save(prefs: Preferences) -> None:
    s = _settings()
    s.setValue("prefs/auto_lock_minutes", prefs.auto_lock_minutes)
    s.setValue("prefs/theme", prefs.theme)
    s.setValue("prefs/text_size", prefs.text_size)
    s.setValue("prefs/revisits", "true" if prefs.revisits else "false")
    s.setValue("prefs/revisit_days", ", ".join(str(d) for d in prefs.revisit_days))
    s.setValue("prefs/spell_check", "true" if prefs.spell_check else "false")
    s.setValue("prefs/spell_language", prefs.spell_language)
    s.setValue("prefs/writing_font", prefs.writing_font)
    s.sync()


def load_geometry(name: str) -> QByteArray | None:
    value = _settings().value(f"window/{name}")
    return value if isinstance(value, QByteArray) else None


def save_geometry(name: str, geometry: QByteArray) -> None:
    s = _settings()
    s.setValue(f"window/{name}", geometry)
    s.sync()


def settings_file() -> str:
    return _settings().fileName()
