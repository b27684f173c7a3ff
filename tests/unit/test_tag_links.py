"""The rule for a member's WeCom tags (domain/tag_links.py), without SQL."""

from __future__ import annotations

from siyu_desktop.domain.tag_links import discard_changes, follow_tag_changes

M, T = 1, 10


def test_a_relationship_gaining_a_tag_links_it_unless_a_removal_waits() -> None:
    plan = follow_tag_changes([(M, T)], [], linked=set(), still_on_a_relationship={(M, T)},
                              waiting_add=set(), waiting_remove=set())
    assert plan.add == {(M, T)} and not plan.remove
    plan = follow_tag_changes([(M, T)], [], linked=set(), still_on_a_relationship={(M, T)},
                              waiting_add=set(), waiting_remove={(M, T)})
    assert not plan.add and not plan.remove


def test_losing_a_tag_unlinks_only_when_no_relationship_or_waiting_add_keeps_it() -> None:
    base = {"linked": {(M, T)}, "waiting_remove": set()}
    assert follow_tag_changes([], [(M, T)], still_on_a_relationship=set(), waiting_add=set(),
                              **base).remove == {(M, T)}
    assert not follow_tag_changes([], [(M, T)], still_on_a_relationship={(M, T)},
                                  waiting_add=set(), **base).remove
    assert not follow_tag_changes([], [(M, T)], still_on_a_relationship=set(),
                                  waiting_add={(M, T)}, **base).remove
    # gained on one relationship while lost on another: the member keeps it
    assert not follow_tag_changes([(M, T)], [(M, T)], still_on_a_relationship={(M, T)},
                                  waiting_add=set(), **base).remove


def test_links_the_mirror_never_mentioned_are_left_alone() -> None:
    other = (M, 11)
    plan = follow_tag_changes([(M, T)], [], linked={other}, still_on_a_relationship={(M, T)},
                              waiting_add=set(), waiting_remove=set())
    assert other not in plan.remove and other not in plan.add


def test_discarding_a_waiting_change_returns_to_what_wecom_has() -> None:
    pair = (M, T)
    assert discard_changes(pair, adding=True, linked=True, on_a_relationship=False,
                           other_waiting=False).remove == {pair}
    assert not discard_changes(pair, adding=True, linked=True, on_a_relationship=True,
                               other_waiting=False).remove
    assert discard_changes(pair, adding=False, linked=False, on_a_relationship=True,
                           other_waiting=False).add == {pair}
    assert not discard_changes(pair, adding=True, linked=True, on_a_relationship=False,
                               other_waiting=True).remove
