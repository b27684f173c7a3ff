"""Outbox rules (``domain/outbox.py``): supersede, back-off, unknown checks, keys, finding a
created mass-send task again."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from siyu_desktop.domain import outbox as rules
from siyu_desktop.domain.outbox import Check, Next, TagStep


def test_unknown_never_resends_what_wecom_does_not_deduplicate() -> None:
    assert rules.after_check(Check.UNKNOWN, resend_when_unknown=False) is Next.WAIT
    assert rules.after_check(Check.UNKNOWN, resend_when_unknown=True) is Next.SEND
    for resend in (True, False):
        assert rules.after_check(Check.APPLIED, resend_when_unknown=resend) is Next.RECORD
        assert rules.after_check(Check.NOT_APPLIED, resend_when_unknown=resend) is Next.SEND


@given(st.sampled_from(list(Check)), st.booleans())
def test_a_send_after_a_check_only_when_wecom_lacks_it_or_dedups(check: Check, dedup: bool) -> None:
    step = rules.after_check(check, resend_when_unknown=dedup)
    if step is Next.SEND:
        assert check is Check.NOT_APPLIED or dedup


def test_add_then_remove_cancels_and_repeats_queue_nothing() -> None:
    assert rules.tag_step(False, waiting_add=True, wecom_has=False) is TagStep.CANCEL_WAITING
    assert rules.tag_step(True, waiting_add=False, wecom_has=True) is TagStep.CANCEL_WAITING
    assert rules.tag_step(True, waiting_add=True, wecom_has=False) is TagStep.NOTHING
    assert rules.tag_step(True, waiting_add=None, wecom_has=True) is TagStep.NOTHING
    assert rules.tag_step(True, waiting_add=None, wecom_has=False) is TagStep.QUEUE
    assert rules.tag_step(False, waiting_add=None, wecom_has=True) is TagStep.QUEUE


@given(st.lists(st.booleans(), max_size=12), st.booleans())
def test_any_sequence_of_tag_changes_leaves_at_most_one_waiting(wants: list[bool],
                                                                wecom_has: bool) -> None:
    waiting: bool | None = None
    for want in wants:
        step = rules.tag_step(want, waiting_add=waiting, wecom_has=wecom_has)
        if step is TagStep.CANCEL_WAITING:
            waiting = None
        elif step is TagStep.QUEUE:
            waiting = want
    final = wants[-1] if wants else wecom_has
    # what WeCom ends up with after the push is what the operator last wanted
    assert (waiting if waiting is not None else wecom_has) == final


def test_later_values_supersede_waiting_ones() -> None:
    assert rules.superseded_by_new("remark", ["remark", "mark_tag"]) == ["remark"]
    assert rules.superseded_by_new("edit_corp_tag", ["edit_corp_tag"]) == ["edit_corp_tag"]
    assert sorted(rules.superseded_by_new("del_corp_tag", ["mark_tag", "add_corp_tag",
                                                           "edit_corp_tag", "remark"])) == [
        "add_corp_tag", "edit_corp_tag", "mark_tag"]
    assert rules.superseded_by_new("group_msg", ["group_msg"]) == []


@given(st.integers(min_value=-3, max_value=100))
def test_backoff_doubles_and_is_capped(retries: int) -> None:
    wait = rules.backoff_s(retries)
    assert rules.BACKOFF_FIRST_S <= wait <= rules.BACKOFF_MAX_S
    assert rules.backoff_s(retries + 1) in (min(wait * 2, rules.BACKOFF_MAX_S), wait)


def test_backoff_schedule() -> None:
    assert [rules.backoff_s(n) for n in range(8)] == [60, 120, 240, 480, 960, 1920, 3600, 3600]


def test_due_and_expired() -> None:
    assert rules.due(None, None, 10)
    assert not rules.due(11, None, 10) and not rules.due(None, 11, 10)
    assert rules.due(10, 9, 10)
    assert rules.expired(10, 10) and not rules.expired(None, 10) and not rules.expired(11, 10)


def test_keys_name_the_business_event() -> None:
    assert rules.event_key("mark_tag", 1, 2, 3, "+", 9) == "mark_tag:1:2:3:+:9"
    assert rules.schedule_key(4, "2026-12-03T09:00:00+08:00", 2) == \
        "schedule:4:occ:2026-12-03T09:00:00+08:00:batch:2"
    assert rules.award_key("s1", 7, 1) == "game:s1:member:7:place:1"


def test_an_event_key_needs_what_it_is_about() -> None:
    import pytest
    with pytest.raises(ValueError):
        rules.event_key("mark_tag")


def test_content_hash_ignores_how_wecom_lists_attachments() -> None:
    sent = [{"msgtype": "image", "image": {"media_id": "M1"}}]
    listed = [{"msgtype": "image", "image": {"media_id": "M1", "pic_url": "https://x"}}]
    assert rules.content_hash("hi", sent) == rules.content_hash("hi", listed)
    assert rules.content_hash("hi", sent) != rules.content_hash("hi!", sent)
    assert rules.content_hash("hi") != rules.content_hash("hi", sent)


def _task(msgid: str, at: int, text: str = "hi", creator: str = "") -> rules.ListedTask:
    return rules.ListedTask(msgid, at, creator, rules.content_hash(text))


def test_the_created_task_is_found_by_window_content_and_creator() -> None:
    h = rules.content_hash("hi")
    listed = [_task("a", 100), _task("b", 50), _task("c", 100, "other"),
              _task("d", 100, creator="liu.yang")]
    assert rules.find_task(listed, content=h, since=90, until=110) == "a"
    assert rules.find_task(listed, content=h, since=200, until=300) is Check.NOT_APPLIED
    assert rules.find_task(listed + [_task("e", 105)], content=h, since=90,
                           until=110) is Check.UNKNOWN
    # two identical items: the one already claimed is not found twice
    assert rules.find_task(listed + [_task("e", 105)], content=h, since=90, until=110,
                           taken={"a"}) == "e"


def test_receipts_are_final_when_every_target_has_one() -> None:
    assert rules.receipts_final([1, 2, 3])
    assert not rules.receipts_final([1, 0])
    assert not rules.receipts_final([])


def test_a_change_in_flight_is_never_cancelled_the_opposite_is_queued_after_it() -> None:
    # the add may have reached WeCom: the removal is its own item (the mirror does not know yet)
    assert rules.tag_step(False, waiting_add=None, wecom_has=False,
                          in_flight_add=True) is TagStep.QUEUE
    assert rules.tag_step(True, waiting_add=None, wecom_has=True,
                          in_flight_add=False) is TagStep.QUEUE
    # the same wish as the one in flight: nothing more (the check settles it)
    assert rules.tag_step(True, waiting_add=None, wecom_has=False,
                          in_flight_add=True) is TagStep.NOTHING
    # changing back cancels the later, waiting item only
    assert rules.tag_step(True, waiting_add=False, wecom_has=False,
                          in_flight_add=True) is TagStep.CANCEL_WAITING
    assert rules.tag_step(False, waiting_add=False, wecom_has=False,
                          in_flight_add=True) is TagStep.NOTHING


def test_a_waiting_change_that_may_have_reached_wecom_is_replaced_not_cancelled() -> None:
    # sent once (a network error after the call): WeCom may have it, so the wish is sent
    assert rules.tag_step(False, waiting_add=True, wecom_has=False,
                          waiting_tried=True) is TagStep.REPLACE_WAITING
    # the mirror changed since it was queued (a colleague): dropping it is not enough
    assert rules.tag_step(False, waiting_add=True, wecom_has=True) is TagStep.REPLACE_WAITING
    assert rules.tag_step(False, waiting_add=True, wecom_has=False) is TagStep.CANCEL_WAITING


@given(st.booleans(), st.lists(st.tuples(st.booleans(), st.booleans()), max_size=12),
       st.sampled_from([None, True, False]), st.booleans())
def test_wecom_ends_as_the_operator_last_wanted_whatever_the_in_flight_item_did(
        wecom_has: bool, steps: list[tuple[bool, bool]], in_flight: bool | None,
        reached: bool) -> None:
    """A model of one relationship and tag: an item in flight (which may or may not have reached
    WeCom), then operator wishes, some of the waiting items tried once (and maybe applied).
    Pushing sends what waits in order; the in-flight item is re-sent only if not overtaken."""
    wecom = in_flight if (in_flight is not None and reached) else wecom_has
    mirror = wecom_has
    queue: list[tuple[bool, bool]] = []  # (add, tried)
    for want, tried_and_applied in steps:
        waiting = queue[-1] if queue else None
        step = rules.tag_step(want, waiting_add=None if waiting is None else waiting[0],
                              waiting_tried=waiting is not None and waiting[1],
                              wecom_has=mirror, in_flight_add=in_flight)
        if step in (TagStep.CANCEL_WAITING, TagStep.REPLACE_WAITING):
            queue.pop()
        if step is TagStep.QUEUE:
            queue.append((want, False))
        if step is TagStep.REPLACE_WAITING:  # inherits the doubt of the dropped one
            queue.append((want, waiting is not None and waiting[1]))
        if tried_and_applied and queue and not queue[-1][1]:
            # a push sent it, WeCom applied it, the answer was lost: back to waiting
            queue[-1] = (queue[-1][0], True)
            wecom = queue[-1][0]
    if in_flight is not None:
        check = rules.Check.APPLIED if wecom == in_flight else rules.Check.NOT_APPLIED
        nxt = rules.after_check(check, resend_when_unknown=True, overtaken=bool(queue))
        if nxt is Next.SEND:
            wecom = in_flight
    for add, _tried in queue:
        wecom = add
    wanted = next((w for w, _ in reversed(steps)), in_flight if in_flight is not None
                  else wecom_has)
    assert wecom == wanted


def test_an_overtaken_interrupted_item_is_recorded_or_dropped_never_resent() -> None:
    for dedup in (True, False):
        assert rules.after_check(Check.APPLIED, resend_when_unknown=dedup,
                                 overtaken=True) is Next.RECORD
        assert rules.after_check(Check.NOT_APPLIED, resend_when_unknown=dedup,
                                 overtaken=True) is Next.SUPERSEDE
    assert rules.after_check(Check.UNKNOWN, resend_when_unknown=True,
                             overtaken=True) is Next.SUPERSEDE
    assert rules.after_check(Check.UNKNOWN, resend_when_unknown=False,
                             overtaken=True) is Next.WAIT
