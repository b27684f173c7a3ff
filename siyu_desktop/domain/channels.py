"""Channels (渠道): where members came from, one list with a code, a name and aliases each.

A member stores a channel *code* (``package_card``, or the text of a channel an import brought);
what the operator reads and types is a name or an alias (包裹卡, 快递卡). Every code, name and
alias is matched on a normalised key (NFKC, case-folded, whitespace removed), and each key may
belong to one channel only, so any text resolves to at most one code.
Pure data and functions: the store persists the list as JSON, the screens show it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from ..errors import ValidationError

FORMAT = 1
MAX_NAME = 100  # as long as a channel cell an import accepts
_SEPARATORS = re.compile(r"[,，、;；\n]+")
_SPACE = re.compile(r"\s+")


def channel_key(text: str) -> str:
    """The form texts are compared in: 「 直播间 」, 「直播 间」 and 「直播间」 are one key."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text).casefold())


def parse_aliases(text: str) -> tuple[str, ...]:
    """Aliases as the operator types them, separated by commas, 、 or semicolons; blanks and
    repeats (by key) dropped, order kept."""
    seen: set[str] = set()
    out: list[str] = []
    for part in _SEPARATORS.split(text):
        alias = part.strip()
        key = channel_key(alias)
        if key and key not in seen:
            seen.add(key)
            out.append(alias)
    return tuple(out)


def format_aliases(aliases: Sequence[str]) -> str:
    return "、".join(aliases)


@dataclass(frozen=True, slots=True)
class Channel:
    code: str
    name: str
    aliases: tuple[str, ...] = ()

    def match_keys(self) -> list[tuple[str, str]]:
        """(key, the text it came from) of the code, the name and each alias."""
        return [(channel_key(t), t) for t in (self.code, self.name, *self.aliases)
                if channel_key(t)]


@dataclass(frozen=True)
class ChannelList:
    """The channels in the operator's order. Build with ``of`` (validates); never mutated:
    every edit returns a new list."""

    channels: tuple[Channel, ...] = ()
    _by_key: dict[str, str] = field(init=False, compare=False, repr=False)
    _by_code: dict[str, Channel] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_key",
                           {key: c.code for c in self.channels for key, _ in c.match_keys()})
        object.__setattr__(self, "_by_code", {c.code: c for c in self.channels})

    @classmethod
    def of(cls, channels: Iterable[Channel]) -> ChannelList:
        items = tuple(channels)
        validate(items)
        return cls(items)

    # -- reading -------------------------------------------------------------------------------
    def resolve(self, text: str) -> str | None:
        """The code of the channel whose code, name or alias ``text`` is; None if none."""
        return self._by_key.get(channel_key(text)) if text else None

    def name_of(self, code: str) -> str:
        """The channel's name; a code the list does not know is shown as itself."""
        found = self._by_code.get(code)
        return found.name if found is not None else code

    def get(self, code: str) -> Channel | None:
        return self._by_code.get(code)

    def names(self) -> dict[str, str]:
        return {c.code: c.name for c in self.channels}

    def __iter__(self) -> Iterator[Channel]:
        return iter(self.channels)

    def __len__(self) -> int:
        return len(self.channels)

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    # -- editing -------------------------------------------------------------------------------
    def added(self, channel: Channel) -> ChannelList:
        """With one more channel at the end (checked against this list's keys only, so an
        import adopting many new texts stays linear)."""
        validate((channel,))
        if channel.code in self._by_code:
            raise ValidationError(f"渠道代码「{channel.code}」已经有了。",
                                  english=f"Duplicate channel code {channel.code}.")
        for key, text in channel.match_keys():
            owner = self._by_key.get(key)
            if owner is not None:
                raise ValidationError(
                    f"「{text}」已经是渠道「{self.name_of(owner)}」的名称或别名。",
                    "一个写法只能对应一个渠道。",
                    english=f"{text!r} already belongs to {self.name_of(owner)!r}.",
                    english_hint="One spelling can belong to one channel only.")
        return ChannelList((*self.channels, channel))

    def edited(self, code: str, *, name: str | None = None,
               aliases: Sequence[str] | None = None) -> ChannelList:
        def change(c: Channel) -> Channel:
            if c.code != code:
                return c
            return replace(c, name=c.name if name is None else name.strip(),
                           aliases=c.aliases if aliases is None else tuple(aliases))
        return ChannelList.of(change(c) for c in self.channels)

    def without(self, code: str) -> ChannelList:
        return ChannelList.of(c for c in self.channels if c.code != code)

    def merged(self, source: str, target: str) -> ChannelList:
        """``source`` absorbed into ``target``: its name and aliases (and its code, unless that
        is the same text as its name) become aliases of ``target``; ``source`` is gone."""
        if source == target:
            raise ValidationError("不能把渠道合并到它自己。", english="Cannot merge a channel into itself.")
        absorbed, into = self.get(source), self.get(target)
        if into is None:
            raise ValidationError(f"找不到要合并到的渠道「{target}」。",
                                  english=f"No channel {target}.")
        texts = [] if absorbed is None else [absorbed.name, *absorbed.aliases]
        texts.append(source)
        have = {k for k, _ in into.match_keys()}
        extra: list[str] = []
        for text in texts:
            key = channel_key(text)
            if key and key not in have:
                have.add(key)
                extra.append(text)
        grown = replace(into, aliases=(*into.aliases, *extra))
        return ChannelList.of(grown if c.code == target else c
                              for c in self.channels if c.code != source)

    def adopting(self, texts: Iterable[str]) -> tuple[ChannelList, dict[str, str]]:
        """Each text's code, with a new channel (code and name = the text) for every text that
        resolves to none; texts equal by key share one new channel. Returns the grown list and
        text → code."""
        current = self
        mapping: dict[str, str] = {}
        for text in texts:
            if not channel_key(text):
                continue  # blank: says nothing about a channel
            code = current.resolve(text)
            if code is None:
                code = text.strip()
                current = current.added(Channel(code, code))
            mapping[text] = code
        return current, mapping

    # -- JSON ----------------------------------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        return {"format": FORMAT, "channels": [
            {"code": c.code, "name": c.name, "aliases": list(c.aliases)} for c in self.channels]}

    @classmethod
    def from_json(cls, data: Any) -> ChannelList:
        """Raises ValueError for anything that is not a list this version wrote, and
        ValidationError for a list that breaks the rules."""
        if not isinstance(data, Mapping) or data.get("format") != FORMAT:
            raise ValueError("not a channel list")
        items = data.get("channels")
        if not isinstance(items, list):
            raise ValueError("not a channel list")
        out: list[Channel] = []
        for item in items:
            if not isinstance(item, Mapping):
                raise ValueError("not a channel")
            code, name, aliases = item.get("code"), item.get("name"), item.get("aliases", [])
            if not isinstance(code, str) or not isinstance(name, str) or not isinstance(
                    aliases, list) or not all(isinstance(a, str) for a in aliases):
                raise ValueError("not a channel")
            out.append(Channel(code, name, tuple(aliases)))
        return cls.of(out)


@dataclass(frozen=True, slots=True)
class ChannelUse:
    """A channel as the list screen shows it: ``listed`` False for a code members carry that
    the list does not have yet (a WeCom ``state`` no channel claims)."""

    channel: Channel
    members: int
    listed: bool = True


def overview(channels: ChannelList, counts: Mapping[str, int]) -> list[ChannelUse]:
    """The list's channels in order with their member counts, then codes in use it lacks."""
    out = [ChannelUse(c, counts.get(c.code, 0)) for c in channels]
    out += [ChannelUse(Channel(code, code), n, listed=False)
            for code, n in sorted(counts.items()) if code and n and code not in channels]
    return out


def check_removals(old: ChannelList, new: ChannelList, counts: Mapping[str, int]) -> None:
    """A channel members still carry cannot just go: it must be merged into another."""
    for c in old:
        if c.code not in new and counts.get(c.code, 0):
            raise ValidationError(
                f"渠道「{c.name}」还有 {counts[c.code]:,} 位客户，不能删除。",
                "可以先把它合并到另一个渠道。",
                english=f"Channel {c.name} still has members.",
                english_hint="Merge it into another channel first.")


def validate(channels: Sequence[Channel]) -> None:
    """Every channel has a code and a name, and no text belongs to two channels."""
    owner: dict[str, tuple[Channel, str]] = {}
    for c in channels:
        if not c.code.strip():
            raise ValidationError("渠道代码不能为空。", english="A channel needs a code.")
        if not c.name.strip():
            raise ValidationError(f"渠道「{c.code}」的名称不能为空。", "请填写一个名称。",
                                  english=f"Channel {c.code} needs a name.",
                                  english_hint="Fill in a name.")
        for text in (c.name, *c.aliases):
            if len(text) > MAX_NAME:
                raise ValidationError(f"「{text[:20]}…」超过 {MAX_NAME} 个字。",
                                      english=f"A channel name or alias is over {MAX_NAME} characters.")
        for key, text in c.match_keys():
            other = owner.get(key)
            if other is not None and other[0].code != c.code:
                first, first_text = other
                a, b = (first.name, c.name) if first.name != c.name else (
                    f"{first.name}（代码 {first.code}）", f"{c.name}（代码 {c.code}）")
                raise ValidationError(
                    f"「{text}」同时是渠道「{a}」和「{b}」的名称或别名"
                    + (f"（「{first_text}」）" if first_text != text else "") + "。",
                    "一个写法只能对应一个渠道：请从其中一个渠道删掉它，或把两个渠道合并。",
                    english=f"{text!r} belongs to both {first.name!r} and {c.name!r}.",
                    english_hint="One spelling can belong to one channel only: remove it from one of them, or merge the two channels.")
            owner.setdefault(key, (c, text))
    codes = [c.code for c in channels]
    if len(set(codes)) != len(codes):
        dup = next(code for code in codes if codes.count(code) > 1)
        raise ValidationError(f"渠道代码「{dup}」重复了。", english=f"Duplicate channel code {dup}.")


# The demo brand's channels (domain.demo_brand.CHANNELS), in that order.
DEFAULT_CHANNELS = ChannelList.of([
    Channel("package_card", "包裹卡", ("包裹卡片", "快递卡", "包裹")),
    Channel("ai_call", "AI外呼", ("外呼", "AI电话", "智能外呼", "电话外呼")),
    Channel("sms", "短信", ("短信营销", "短信链接")),
    Channel("fission", "裂变", ("老带新", "好友推荐", "裂变活动", "邀请有礼")),
    Channel("offline_event", "线下活动", ("线下", "门店活动", "线下门店", "展会")),
    Channel("live_stream", "直播", ("直播间", "抖音直播", "视频号直播", "淘宝直播")),
    Channel("mini_program", "小程序", ("微信小程序", "商城小程序")),
])
