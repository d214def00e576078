"""The feeling vocabulary, "a little / a lot", and check-ins written before it."""

from __future__ import annotations

import datetime as dt

from app.journal import feelings, schema
from app.journal.model import CheckIn
from app.vault import Vault


def test_families_hold_each_word_once_in_alphabetical_order() -> None:
    seen: list[str] = []
    labels = [f.label for f in feelings.FAMILIES]
    assert labels == sorted(labels)
    for family in feelings.FAMILIES:
        assert list(family.words) == sorted(family.words)
        seen += family.words
    assert len(seen) == len(set(seen))


def test_the_earlier_twenty_words_all_have_a_family() -> None:
    earlier = (
        "angry", "anxious", "calm", "confused", "curious", "grateful", "hopeful", "joyful",
        "lonely", "numb", "open", "overwhelmed", "peaceful", "relieved", "restless", "sad",
        "scared", "tender", "tired", "unsettled",
    )  # fmt: skip
    assert all(feelings.family_of(w) != feelings.OWN_WORDS for w in earlier)
    assert feelings.family_of("shimmery") == feelings.OWN_WORDS


def test_amounts_are_kept_for_chosen_words_only(opened: Vault) -> None:
    j = opened.journal
    saved = j.save_checkin(
        CheckIn(
            dt.datetime(2024, 3, 1, 9),
            emotions=("calm", "shimmery"),
            amounts={"calm": "a lot", "sad": "a little"},
        )
    )
    [back] = j.checkins(None)
    assert back.id == saved.id
    assert back.emotions == ("calm", "shimmery")
    assert back.amounts == {"calm": "a lot"}
    assert feelings.with_amount("calm", back.amounts["calm"]) == "calm (a lot)"


def test_check_ins_written_before_the_amounts_keep_their_words(opened: Vault) -> None:
    j = opened.journal
    j.save_checkin(CheckIn(dt.datetime(2024, 3, 1, 9), emotions=("calm", "tired")))
    conn = j.conn
    conn.execute("ALTER TABLE checkins DROP COLUMN emotion_amounts")  # as it was before
    assert schema._migrate_feeling_amounts in schema.MIGRATIONS
    with j.transaction():
        schema._migrate_feeling_amounts(conn)
    [back] = j.checkins(None)
    assert back.emotions == ("calm", "tired")
    assert back.amounts == {}
