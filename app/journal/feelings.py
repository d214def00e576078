"""Words for feelings, in families, for the check-in.

Pleasant and unpleasant feelings sit side by side: the families are in alphabetical order
and so are the words inside them, so nothing comes "first" and nothing is scored. The
family a word belongs to is used only to draw the weeks in pictures (no family is better
than another). A word the client brings that is in no family stays theirs, as it is.
"""

from __future__ import annotations

from dataclasses import dataclass

AMOUNTS = ("a little", "a lot")  # optional, per word; nothing means "just there"


@dataclass(frozen=True)
class Family:
    key: str
    label: str
    words: tuple[str, ...]


FAMILIES: tuple[Family, ...] = (
    Family("anger", "Anger", ("angry", "annoyed", "frustrated", "irritated", "resentful")),
    Family("calm", "Calm", ("at ease", "calm", "peaceful", "relaxed", "settled", "still")),
    Family("confusion", "Confusion", ("confused", "foggy", "puzzled", "torn", "unsure")),
    Family(
        "fear",
        "Fear and unease",
        ("afraid", "anxious", "nervous", "restless", "scared", "uneasy", "unsettled"),
    ),
    Family(
        "joy",
        "Joy",
        ("delighted", "excited", "grateful", "hopeful", "joyful", "light", "playful", "relieved"),
    ),
    Family("numbness", "Numbness", ("blank", "detached", "distant", "flat", "numb")),
    Family("openness", "Openness", ("awed", "connected", "curious", "open", "spacious")),
    Family("overwhelm", "Overwhelm", ("flooded", "overwhelmed", "stretched", "swamped")),
    Family("sadness", "Sadness", ("disappointed", "grieving", "heavy", "lonely", "sad")),
    Family("tenderness", "Tenderness", ("caring", "loving", "moved", "tender", "warm")),
    Family("tiredness", "Tiredness", ("drained", "exhausted", "sleepy", "tired", "weary")),
)
OWN_WORDS = "own"  # the family of the client's own words, in charts

_FAMILY_OF = {word: family.key for family in FAMILIES for word in family.words}
_LABELS = {family.key: family.label for family in FAMILIES} | {OWN_WORDS: "Your own words"}


def family_of(word: str) -> str:
    """The family key of a word (``OWN_WORDS`` for a word of the client's own)."""
    return _FAMILY_OF.get(word.strip().casefold(), OWN_WORDS)


def family_label(key: str) -> str:
    return _LABELS.get(key, key)


def all_words() -> set[str]:
    return set(_FAMILY_OF)


def with_amount(word: str, amount: str) -> str:
    """How a chosen word reads in print and export: "calm (a lot)"."""
    return f"{word} ({amount})" if amount in AMOUNTS else word
