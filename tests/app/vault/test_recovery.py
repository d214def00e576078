"""The recovery key: its printed format and the forgiving way it is read back."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.errors import MalformedRecoveryKey
from app.vault.recovery import (
    RECOVERY_BYTES,
    format_recovery_key,
    new_recovery_key,
    recovery_key_bytes,
)

KEY_FORMAT = re.compile(r"[A-Z2-7]{4}(-[A-Z2-7]{4}){7}")
# No example database: nothing is written into the working tree.
quick = settings(database=None, max_examples=300)


def test_a_new_recovery_key_is_160_random_bits() -> None:
    keys = {new_recovery_key() for _ in range(50)}
    assert len(keys) == 50
    assert all(len(k) == RECOVERY_BYTES == 20 for k in keys)


def test_format_is_eight_groups_of_four_base32_characters() -> None:
    text = format_recovery_key(new_recovery_key())
    assert KEY_FORMAT.fullmatch(text), text


def test_lower_case_with_spaces_reads_back() -> None:
    raw = new_recovery_key()
    typed = format_recovery_key(raw).lower().replace("-", " ")
    assert recovery_key_bytes(typed) == raw


def test_digits_that_look_like_letters_read_as_those_letters() -> None:
    raw = b"\x73\xa1\x08" + bytes(17)  # base32 starts "OOQQ", then many "A"s
    text = format_recovery_key(raw)
    lookalike = text.replace("O", "0").replace("I", "1").replace("B", "8")
    assert recovery_key_bytes(lookalike) == raw


@pytest.mark.parametrize("letter, digit", [("O", "0"), ("I", "1"), ("B", "8")])
def test_each_lookalike_digit_is_read_as_its_letter(letter: str, digit: str) -> None:
    typed = (letter * 32).replace(letter, digit)
    assert recovery_key_bytes(typed) == recovery_key_bytes(letter * 32)


@pytest.mark.parametrize(
    "typed",
    ["", "ABCD", "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-456", "ABCD-" * 8 + "A", "-- -- --"],
)
def test_wrong_length_is_malformed(typed: str) -> None:
    with pytest.raises(MalformedRecoveryKey, match="eight groups of four"):
        recovery_key_bytes(typed)


@pytest.mark.parametrize("bad", ["9", "Ω", "٣", "Ａ"])
def test_characters_outside_base32_are_malformed(bad: str) -> None:
    with pytest.raises(MalformedRecoveryKey):
        recovery_key_bytes(bad + "A" * 31)


@quick
@given(st.binary(min_size=RECOVERY_BYTES, max_size=RECOVERY_BYTES))
def test_format_then_parse_gives_the_same_bytes(raw: bytes) -> None:
    text = format_recovery_key(raw)
    assert KEY_FORMAT.fullmatch(text)
    assert recovery_key_bytes(text) == raw


@quick
@given(
    st.binary(min_size=RECOVERY_BYTES, max_size=RECOVERY_BYTES),
    st.data(),
)
def test_random_case_spacing_and_lookalikes_still_parse(raw: bytes, data: st.DataObject) -> None:
    text = format_recovery_key(raw).replace("-", "")
    separators = st.sampled_from(["", " ", "  ", "-", "\t", " - "])
    typed = data.draw(separators)
    for ch in text:
        if data.draw(st.booleans()):
            ch = ch.lower()
        if data.draw(st.booleans()):
            ch = {"O": "0", "o": "0", "I": "1", "i": "1", "B": "8", "b": "8"}.get(ch, ch)
        typed += ch + data.draw(separators)
    assert recovery_key_bytes(typed) == raw
