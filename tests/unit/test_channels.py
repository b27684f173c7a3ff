"""The channel list (渠道): resolving texts to codes, names, JSON, validation, edits and merges."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from siyu_desktop.domain.channels import (
    DEFAULT_CHANNELS,
    Channel,
    ChannelList,
    ChannelUse,
    channel_key,
    check_removals,
    overview,
    parse_aliases,
)
from siyu_desktop.domain.demo_brand import CHANNELS
from siyu_desktop.errors import ValidationError


def test_default_list_is_the_demo_brands_channels_in_order() -> None:
    assert [c.code for c in DEFAULT_CHANNELS] == CHANNELS
    assert DEFAULT_CHANNELS.name_of("live_stream") == "直播"
    assert DEFAULT_CHANNELS.name_of("package_card") == "包裹卡"


@pytest.mark.parametrize(("text", "code"), [
    ("直播", "live_stream"), ("直播间", "live_stream"), (" 直播 间 ", "live_stream"),
    ("抖音直播", "live_stream"), ("live_stream", "live_stream"), ("LIVE_STREAM", "live_stream"),
    ("包裹卡", "package_card"), ("快递卡", "package_card"), ("包裹卡片", "package_card"),
    ("ＡＩ外呼", "ai_call"),  # full-width letters (NFKC)
    ("ai外呼", "ai_call"), ("SMS", "sms"), ("抖音", None), ("", None),
])
def test_resolve_matches_code_name_or_alias_on_the_normalised_key(text: str,
                                                                 code: str | None) -> None:
    assert DEFAULT_CHANNELS.resolve(text) == code


def test_unknown_code_is_named_as_itself() -> None:
    assert DEFAULT_CHANNELS.name_of("wechat_ad") == "wechat_ad"


def test_json_round_trip() -> None:
    edited = DEFAULT_CHANNELS.added(Channel("抖音", "抖音", ("Douyin",)))
    assert ChannelList.from_json(edited.to_json()) == edited
    assert ChannelList.from_json(edited.to_json()).resolve("douyin") == "抖音"


@pytest.mark.parametrize("data", [None, [], {"format": 99, "channels": []}, {"format": 1},
                                  {"format": 1, "channels": [{"code": 1, "name": "x"}]}])
def test_json_from_elsewhere_is_refused(data: object) -> None:
    with pytest.raises(ValueError):
        ChannelList.from_json(data)


def test_a_text_claimed_by_two_channels_names_both() -> None:
    with pytest.raises(ValidationError) as caught:
        DEFAULT_CHANNELS.edited("sms", aliases=["短信营销", "直播间"])
    message = caught.value.message
    assert "直播间" in message and "短信" in message and "直播" in message
    with pytest.raises(ValidationError, match="包裹卡"):
        DEFAULT_CHANNELS.added(Channel("douyin", "抖音", (" 包裹 卡",)))


def test_names_must_not_be_empty() -> None:
    with pytest.raises(ValidationError, match="名称不能为空"):
        DEFAULT_CHANNELS.edited("sms", name="  ")
    with pytest.raises(ValidationError, match="重复"):
        ChannelList.of([Channel("a", "甲"), Channel("a", "乙")])


def test_edit_name_and_aliases() -> None:
    edited = DEFAULT_CHANNELS.edited("live_stream", name="直播带货",
                                     aliases=parse_aliases("直播间，视频号 、 快手直播、"))
    live = edited.get("live_stream")
    assert live is not None and live.name == "直播带货"
    assert live.aliases == ("直播间", "视频号", "快手直播")
    assert edited.resolve("快手直播") == "live_stream"
    assert edited.resolve("抖音直播") is None  # dropped from the aliases


def test_merge_moves_names_to_the_target_as_aliases() -> None:
    merged = DEFAULT_CHANNELS.merged("sms", "ai_call")
    assert "sms" not in merged and len(merged) == len(DEFAULT_CHANNELS) - 1
    for text in ("短信", "短信营销", "sms"):
        assert merged.resolve(text) == "ai_call"
    with pytest.raises(ValidationError):
        DEFAULT_CHANNELS.merged("sms", "sms")
    # a code members carry that the list never had can be merged too
    assert DEFAULT_CHANNELS.merged("wechat_ad", "sms").resolve("wechat_ad") == "sms"


def test_adopting_adds_one_channel_per_unknown_key() -> None:
    grown, mapping = DEFAULT_CHANNELS.adopting(["抖音", "直播间", "Douyin", "douyin ", "包裹卡"])
    assert mapping == {"抖音": "抖音", "直播间": "live_stream", "Douyin": "Douyin",
                       "douyin ": "Douyin", "包裹卡": "package_card"}
    assert [c.code for c in grown][-2:] == ["抖音", "Douyin"]
    assert grown.name_of("抖音") == "抖音"


def test_overview_and_removals() -> None:
    uses = overview(DEFAULT_CHANNELS, {"sms": 3, "wechat_ad": 2, "": 9})
    assert uses[2] == ChannelUse(DEFAULT_CHANNELS.get("sms"), 3)  # type: ignore[arg-type]
    assert uses[-1] == ChannelUse(Channel("wechat_ad", "wechat_ad"), 2, listed=False)
    check_removals(DEFAULT_CHANNELS, DEFAULT_CHANNELS.without("fission"), {"sms": 3})
    with pytest.raises(ValidationError, match="3 位客户"):
        check_removals(DEFAULT_CHANNELS, DEFAULT_CHANNELS.without("sms"), {"sms": 3})


@given(st.text(max_size=12))
def test_every_text_resolves_to_the_one_channel_it_was_adopted_as(text: str) -> None:
    grown, mapping = DEFAULT_CHANNELS.adopting([text])
    if not channel_key(text):
        assert mapping == {} and grown == DEFAULT_CHANNELS
        return
    code = mapping[text]
    assert grown.resolve(text) == code
    # adopting again changes nothing: the migration's idempotence rests on this
    assert grown.adopting([text, code]) == (grown, {text: code, code: code})
    assert ChannelList.from_json(grown.to_json()) == grown


def test_key_ignores_case_width_and_spaces() -> None:
    assert channel_key(" Live Stream ") == channel_key("livestream") == channel_key("ＬＩＶＥstream")
