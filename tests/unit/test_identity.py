"""The member-identity rule (domain/identity.py): examples, then properties over random records
and candidate sets."""

from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st

from siyu_desktop.domain.identity import (
    DECISIVE,
    PRECEDENCE,
    Ambiguous,
    Candidate,
    Conflict,
    Identity,
    Incoming,
    Key,
    Matched,
    Unmatched,
    match_member,
)


def test_nothing_found_is_a_new_member() -> None:
    assert match_member(Incoming(external_userid="wm1", phones=("138",)), {}) == Unmatched()


def test_external_userid_decides_whatever_the_phone_says() -> None:
    found: dict[Key, list[Candidate]] = {"external_userid": [Candidate(1, "wm1")],
                                         "phone": [Candidate(2)], "unionid": [Candidate(3)]}
    record = Incoming(external_userid="wm1", unionid="u", phones=("138",))
    assert match_member(record, found) == Matched(1, "external_userid")


def test_unionid_comes_before_the_phone() -> None:
    found: dict[Key, list[Candidate]] = {"unionid": [Candidate(4, None, "u")],
                                         "phone": [Candidate(4), Candidate(9)]}
    record = Incoming(unionid="u", phones=("138",))
    assert match_member(record, found) == Matched(4, "unionid")


def test_phone_at_one_member_and_unionid_at_another_is_a_conflict() -> None:
    found: dict[Key, list[Candidate]] = {"unionid": [Candidate(2, None, "u")],
                                         "phone": [Candidate(1)]}
    result = match_member(Incoming(unionid="u", phones=("138",)), found)
    assert result == Conflict((("unionid", (2,)), ("phone", (1,))))
    assert isinstance(result, Conflict) and result.member_ids == (1, 2)


def test_a_shared_phone_is_ambiguous_not_the_lowest_id() -> None:
    found: dict[Key, list[Candidate]] = {"phone": [Candidate(7), Candidate(3)]}
    assert match_member(Incoming(phones=("138",)), found) == Ambiguous("phone", (3, 7))


def test_a_phone_whose_member_has_another_wecom_id_or_unionid_is_someone_else() -> None:
    found: dict[Key, list[Candidate]] = {"phone": [Candidate(1, "wmOTHER"),
                                                   Candidate(2, None, "u-other"),
                                                   Candidate(3)]}
    record = Incoming(external_userid="wm1", unionid="u", phones=("138",))
    assert match_member(record, found) == Matched(3, "phone")


def test_member_id_and_external_userid_disagreeing_is_a_conflict() -> None:
    found: dict[Key, list[Candidate]] = {"member_id": [Candidate(5)],
                                         "external_userid": [Candidate(6, "wm1")]}
    result = match_member(Incoming(member_id=5, external_userid="wm1"), found)
    assert result == Conflict((("member_id", (5,)), ("external_userid", (6,))))


# -- properties ----------------------------------------------------------------------------------
EIDS = st.one_of(st.none(), st.sampled_from(["wm1", "wm2"]))
UNIONS = st.one_of(st.none(), st.sampled_from(["u1", "u2"]))
candidates = st.builds(Candidate, st.integers(1, 6), EIDS, UNIONS)
records = st.builds(Incoming, st.one_of(st.none(), st.integers(1, 6)), EIDS, UNIONS,
                    st.lists(st.sampled_from(["138", "139"]), max_size=2).map(tuple))
found_sets = st.dictionaries(st.sampled_from(PRECEDENCE), st.lists(candidates, max_size=4))


def _other(record: Incoming, key: Key, c: Candidate) -> bool:
    """The rule's notion of someone else, restated: a stronger identifier disagrees."""
    stronger = PRECEDENCE[:PRECEDENCE.index(key)]
    eid = "external_userid" in stronger and bool(record.external_userid) and bool(
        c.external_userid) and record.external_userid != c.external_userid
    union = "unionid" in stronger and bool(record.unionid) and bool(c.unionid) and \
        record.unionid != c.unionid
    return eid or union


def _pointing(record: Incoming, found: dict[Key, list[Candidate]]) -> dict[Key, set[int]]:
    out = {k: {c.member_id for c in found.get(k, []) if not _other(record, k, c)}
           for k in PRECEDENCE}
    return {k: v for k, v in out.items() if v}


@given(records, found_sets, st.randoms(use_true_random=False))
def test_the_order_of_candidates_does_not_matter(record: Incoming,
                                                 found: dict[Key, list[Candidate]],
                                                 rnd: random.Random) -> None:
    shuffled = {k: rnd.sample(v, len(v)) for k, v in found.items()}
    assert match_member(record, found) == match_member(record, shuffled)


@given(records, found_sets)
def test_a_match_is_never_a_pick(record: Incoming, found: dict[Key, list[Candidate]]) -> None:
    """A match is the only member its identifier points at, no stronger identifier points
    anywhere else, and a weak match agrees with every weaker identifier."""
    result: Identity = match_member(record, found)
    pointing = _pointing(record, found)
    if not isinstance(result, Matched):
        return
    assert pointing[result.by] == {result.member_id}
    for key, ids in pointing.items():
        if key in DECISIVE:
            assert ids == {result.member_id}
        elif result.by not in DECISIVE:
            assert result.member_id in ids
    assert all(k not in pointing for k in PRECEDENCE[:PRECEDENCE.index(result.by)])


@given(records, found_sets)
def test_unmatched_only_when_nothing_points_anywhere(record: Incoming,
                                                     found: dict[Key, list[Candidate]]) -> None:
    assert isinstance(match_member(record, found), Unmatched) == (not _pointing(record, found))


@given(records, found_sets)
def test_several_members_are_never_settled_silently(record: Incoming,
                                                    found: dict[Key, list[Candidate]]) -> None:
    """Where the identifiers that count point at two members, the answer names them."""
    pointing = _pointing(record, found)
    decisive = {m for k, ids in pointing.items() if k in DECISIVE for m in ids}
    counted = decisive or set().union(*pointing.values()) if pointing else set()
    result = match_member(record, found)
    if len(decisive) > 1:
        assert isinstance(result, (Ambiguous, Conflict))
        assert set(result.member_ids) == decisive
    if not decisive and pointing:
        strongest = next(k for k in PRECEDENCE if k in pointing)
        if len(pointing[strongest]) > 1:
            assert result == Ambiguous(strongest, tuple(sorted(pointing[strongest])))
    if isinstance(result, (Ambiguous, Conflict)):
        assert set(result.member_ids) <= counted


@given(records, found_sets, found_sets)
def test_weaker_identifiers_never_overrule_a_decisive_match(
        record: Incoming, found: dict[Key, list[Candidate]],
        extra: dict[Key, list[Candidate]]) -> None:
    first = match_member(record, found)
    if not (isinstance(first, Matched) and first.by in DECISIVE):
        return
    more = {**found, **{k: v for k, v in extra.items() if k not in DECISIVE}}
    assert match_member(record, more) == first


@given(records, st.integers(1, 6), st.sets(st.sampled_from(PRECEDENCE), min_size=1))
def test_every_identifier_at_the_same_member_matches_it(record: Incoming, member_id: int,
                                                        keys: set[Key]) -> None:
    same = Candidate(member_id, record.external_userid, record.unionid)
    found: dict[Key, list[Candidate]] = {k: [same, same] for k in keys}
    result = match_member(record, found)
    assert result == Matched(member_id, next(k for k in PRECEDENCE if k in keys))
