"""Who an operation is recorded under: the operator's name for a person, the role otherwise."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from siyu_desktop.domain import authors


def test_a_person_writes_under_their_name_the_machinery_under_its_role() -> None:
    assert authors.author("operator", "小美") == "小美"
    assert authors.author("cli", "小美") == "小美"
    assert authors.author("operator", "") == "operator"
    assert authors.author("sync", "小美") == "sync"
    assert authors.author("outbox", "小美") == "outbox"


def test_names_are_kept_as_typed_but_invisible_characters_and_line_breaks_go() -> None:
    assert authors.clean_name("  小美\u200b（社群\n运营）  ") == "小美（社群 运营）"
    assert authors.clean_name("ＡＭＹ") == "ＡＭＹ"  # full-width letters are what she typed


def test_reserved_overlong_and_control_names_are_refused_with_a_reason() -> None:
    assert authors.name_problem("") is None
    assert authors.name_problem("小美") is None
    for word in ("sync", "Outbox", "operator", "CLI"):
        assert "内部" in (authors.name_problem(word) or "")
    assert "32" in (authors.name_problem("长" * 33) or "")
    assert authors.name_problem("a\x07b") is not None


@given(st.text(max_size=40))
def test_a_cleaned_name_either_passes_or_says_why_and_never_becomes_a_system_actor(text: str) -> None:
    name = authors.clean_name(text)
    assert name == name.strip() and "\n" not in name
    if authors.name_problem(name) is None:
        assert not authors.is_system(authors.author("operator", name))
