"""The rewards catalog and redemptions (兑换): items, coupon codes, the rules of redeeming, and a
redemption's life. Nothing here touches SQL.

A catalog item is a coupon (its codes imported from a spreadsheet, each code issued once), goods,
or a points + cash item (points and a cash price in fen that the operator collects outside the
app). Goods and points + cash items have a stock (or none: unlimited); a coupon's stock is the
number of its codes no redemption holds yet. An item may limit how many times one member redeems
it (pending and issued redemptions count, cancelled ones do not) and may be valid only between
two times.

A redemption spends the item's points at once (a ledger spend entry) and waits for fulfilment:

    pending ──issue──▶ issued        (final: the goods went out, the code was sent)
       └─────cancel──▶ cancelled     (final: the spend is reversed, the points come back to the
                                      very lots they came from, the stock and the code are back)

A coupon redemption holds one free code from the moment it is made, so a coupon never runs out
between redeeming and issuing; issuing hands that code over. A code once issued never goes back.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace
from enum import StrEnum

from .points import LedgerError

NAME_MAX = 60
CODE_MAX = 64
POINTS_MAX = 10_000_000
CASH_MAX_FEN = 100_000_000  # 100 万元
# words a one-column code sheet may carry as its header (compared lowercased, without spaces)
CODE_HEADERS = frozenset({"券码", "兑换码", "优惠码", "优惠券码", "卡密", "卡号", "码", "code",
                          "codes", "couponcode", "coupon", "vouchercode", "voucher"})


class RewardError(LedgerError):
    """A catalog or redemption rule that refuses what was asked: ``message`` in Chinese,
    ``english`` in English (a ``LedgerError``, so callers that turn ledger refusals into the
    operator's words handle both alike)."""


class ItemKind(StrEnum):
    COUPON = "coupon"
    GOODS = "goods"
    POINTS_CASH = "points_cash"


class Status(StrEnum):
    PENDING = "pending"
    ISSUED = "issued"
    CANCELLED = "cancelled"


KIND_NAMES: dict[ItemKind, tuple[str, str]] = {
    ItemKind.COUPON: ("优惠券", "Coupon"),
    ItemKind.GOODS: ("实物", "Goods"),
    ItemKind.POINTS_CASH: ("积分+现金", "Points + cash"),
}
STATUS_NAMES: dict[Status, tuple[str, str]] = {
    Status.PENDING: ("待发放", "Pending"),
    Status.ISSUED: ("已发放", "Issued"),
    Status.CANCELLED: ("已取消", "Cancelled"),
}


@dataclass(frozen=True, slots=True)
class Item:
    """A catalog item. ``stock`` is what is left (None: unlimited; always None for a coupon,
    whose stock is ``codes_free``); ``valid_until`` is the first second it is no longer valid."""

    id: int
    kind: ItemKind
    name: str
    points: int
    cash_fen: int = 0
    stock: int | None = None
    per_member: int | None = None
    valid_from: int | None = None
    valid_until: int | None = None
    active: bool = True
    description: str = ""
    codes_free: int = 0  # coupons: codes no redemption holds
    codes_total: int = 0  # coupons: every code imported

    @property
    def left(self) -> int | None:
        """How many more can be redeemed now (None: unlimited)."""
        return self.codes_free if self.kind is ItemKind.COUPON else self.stock

    def valid_at(self, at: int) -> bool:
        return ((self.valid_from is None or self.valid_from <= at)
                and (self.valid_until is None or at < self.valid_until))


@dataclass(frozen=True, slots=True)
class Code:
    id: int
    item_id: int
    code: str
    redemption_id: int | None = None  # the redemption holding it (reserved, or issued to)
    issued_at: int | None = None

    @property
    def free(self) -> bool:
        return self.redemption_id is None and self.issued_at is None


@dataclass(frozen=True, slots=True)
class Redemption:
    id: int
    item_id: int
    member_id: int
    points: int
    cash_fen: int
    status: Status
    created_at: int
    entry_seq: int | None = None  # the ledger's spend entry
    reversal_seq: int | None = None  # the entry that gave the points back (cancelled)
    code_id: int | None = None
    code: str = ""  # shown once issued (a held code is not shown before)
    issued_at: int | None = None
    cancelled_at: int | None = None
    operator: str = ""
    note: str = ""
    item_name: str = ""  # for lists: the item's and member's names when read
    item_kind: ItemKind = ItemKind.GOODS
    member_name: str = ""

    @property
    def final(self) -> bool:
        return self.status is not Status.PENDING


def fen_text(fen: int) -> str:
    """Fen as yuan: 1990 → ``19.90``, 2000 → ``20``."""
    yuan, cents = divmod(fen, 100)
    return f"{yuan}" if cents == 0 else f"{yuan}.{cents:02d}"


def parse_yuan(text: str) -> int:
    """``19.9`` / ``19.90`` / ``20`` / ``¥20`` → fen; refused in words when it is not money."""
    raw = text.strip().replace("¥", "").replace("￥", "").replace("元", "").replace(",", "")
    if not raw:
        return 0
    m = re.fullmatch(r"(\d{1,7})(?:\.(\d{1,2}))?", raw)
    if m is None:
        raise RewardError(f"现金金额“{text}”看不懂，请写成 19.90 这样。",
                          f"Cannot read the cash price {text!r}; write it like 19.90.")
    return int(m.group(1)) * 100 + int((m.group(2) or "0").ljust(2, "0"))


# -- the catalog ---------------------------------------------------------------------------------

def check_item(item: Item) -> Item:
    """The item with its name tidied, or refused in words."""
    name = " ".join(unicodedata.normalize("NFC", item.name).split())
    if not name:
        raise RewardError("请填写奖品名称。", "The item needs a name.")
    if len(name) > NAME_MAX:
        raise RewardError(f"奖品名称太长（最多 {NAME_MAX} 个字）。",
                          f"The name is too long (at most {NAME_MAX} characters).")
    if not 1 <= item.points <= POINTS_MAX:
        raise RewardError(f"所需积分应在 1 到 {POINTS_MAX:,} 之间。",
                          f"The points price must be between 1 and {POINTS_MAX:,}.")
    if item.kind is ItemKind.POINTS_CASH:
        if not 1 <= item.cash_fen <= CASH_MAX_FEN:
            raise RewardError("积分+现金的奖品需要填写现金金额（大于 0）。",
                              "A points + cash item needs a cash price above 0.")
    elif item.cash_fen:
        raise RewardError("只有“积分+现金”的奖品才能设置现金金额。",
                          "Only a points + cash item has a cash price.")
    if item.kind is ItemKind.COUPON and item.stock is not None:
        raise RewardError("优惠券的库存就是尚未发出的券码数量，不能另设库存。",
                          "A coupon's stock is its unused codes; it has no stock of its own.")
    if item.stock is not None and item.stock < 0:
        raise RewardError("库存不能小于 0。", "The stock cannot be below 0.")
    if item.per_member is not None and item.per_member < 1:
        raise RewardError("每人限兑次数至少为 1（不限请留空）。",
                          "The per-member limit is at least 1 (leave it empty for no limit).")
    if (item.valid_from is not None and item.valid_until is not None
            and item.valid_until <= item.valid_from):
        raise RewardError("有效期的结束时间必须晚于开始时间。",
                          "The end of the validity must be after its start.")
    return replace(item, name=name, description=item.description.strip())


def refusal(item: Item, *, at: int, used: int, spendable: int) -> RewardError | None:
    """Why this member cannot redeem ``item`` now (None: they can). ``used`` is how many of the
    member's redemptions of the item are pending or issued; ``spendable`` their points that are
    not expired (``Account.spendable(at)``)."""
    if not item.active:
        return RewardError(f"“{item.name}”已下架，不能兑换。",
                           f"{item.name} is no longer offered.")
    if item.valid_from is not None and at < item.valid_from:
        return RewardError(f"“{item.name}”还没到兑换时间。",
                           f"{item.name} cannot be redeemed yet.")
    if item.valid_until is not None and at >= item.valid_until:
        return RewardError(f"“{item.name}”已过兑换有效期。",
                           f"{item.name} is past its validity.")
    left = item.left
    if left is not None and left <= 0:
        if item.kind is ItemKind.COUPON:
            return RewardError(f"“{item.name}”的券码已经用完，请先导入新的券码。",
                               f"{item.name} has no codes left; import more codes first.")
        return RewardError(f"“{item.name}”已经没有库存了。", f"{item.name} is out of stock.")
    if item.per_member is not None and used >= item.per_member:
        return RewardError(f"每位客户最多兑换“{item.name}” {item.per_member} 次，这位客户已经兑换了 "
                           f"{used} 次。",
                           f"A member may redeem {item.name} at most {item.per_member} time(s); "
                           f"this member already has {used}.")
    if spendable < item.points:
        return RewardError(f"积分不够：可用 {spendable:,}，“{item.name}”需要 {item.points:,}。",
                           f"Not enough points: {spendable:,} available, {item.name} needs "
                           f"{item.points:,}.")
    return None


def check_redeem(item: Item, *, at: int, used: int, spendable: int) -> None:
    refused = refusal(item, at=at, used=used, spendable=spendable)
    if refused is not None:
        raise refused


def take_one(item: Item) -> Item:
    """The item after a redemption took one (a coupon's held code counts as taken)."""
    if item.kind is ItemKind.COUPON:
        if item.codes_free <= 0:
            raise RewardError(f"“{item.name}”的券码已经用完。", f"{item.name} has no codes left.")
        return replace(item, codes_free=item.codes_free - 1)
    if item.stock is None:
        return item
    if item.stock <= 0:
        raise RewardError(f"“{item.name}”已经没有库存了。", f"{item.name} is out of stock.")
    return replace(item, stock=item.stock - 1)


def give_back_one(item: Item) -> Item:
    """The item after a cancelled redemption gave its one back."""
    if item.kind is ItemKind.COUPON:
        return replace(item, codes_free=item.codes_free + 1)
    return item if item.stock is None else replace(item, stock=item.stock + 1)


def new_redemption(item: Item, member_id: int, *, rid: int, at: int, operator: str = "",
                   code_id: int | None = None) -> Redemption:
    if item.kind is ItemKind.COUPON and code_id is None:
        raise RewardError(f"“{item.name}”的券码已经用完。", f"{item.name} has no codes left.")
    return Redemption(rid, item.id, member_id, item.points, item.cash_fen, Status.PENDING, at,
                      code_id=code_id, operator=operator, item_name=item.name,
                      item_kind=item.kind)


def spend_reason(item_name: str) -> str:
    """The ledger entry's reason for a redemption (what the member's statement says)."""
    return f"兑换{item_name}"


# -- a redemption's life -------------------------------------------------------------------------

def _final(r: Redemption, doing: str, doing_en: str) -> RewardError:
    done, done_en = STATUS_NAMES[r.status]
    return RewardError(f"兑换 #{r.id} {done}，不能再{doing}。",
                       f"Redemption #{r.id} is {done_en.lower()}; it cannot be {doing_en}.")


def issue(r: Redemption, *, at: int, code: Code | None = None) -> Redemption:
    """pending → issued. A coupon's redemption hands over the code it holds (or, when it holds
    none, a free one): a code already issued, or held by another redemption, is refused."""
    if r.status is not Status.PENDING:
        raise _final(r, "发放", "issued")
    if r.item_kind is ItemKind.COUPON:
        if code is None:
            raise RewardError(f"兑换 #{r.id} 没有可发的券码，请先导入券码。",
                              f"Redemption #{r.id} has no code to issue; import codes first.")
        if code.issued_at is not None or code.redemption_id not in (None, r.id):
            raise RewardError(f"券码 {code.code} 已经发给了别人，不能再发。",
                              f"The code {code.code} was already given to someone else.")
        if code.item_id != r.item_id:
            raise ValueError("the code belongs to another item")
        return replace(r, status=Status.ISSUED, issued_at=at, code_id=code.id, code=code.code)
    if code is not None:
        raise ValueError("only a coupon's redemption takes a code")
    return replace(r, status=Status.ISSUED, issued_at=at)


def cancel(r: Redemption, *, at: int, reversal_seq: int | None, note: str = "") -> Redemption:
    """pending → cancelled; the caller reverses the spend (``reversal_seq``) and gives the
    stock and the held code back in the same transaction."""
    if r.status is not Status.PENDING:
        raise _final(r, "取消", "cancelled")
    return replace(r, status=Status.CANCELLED, cancelled_at=at, reversal_seq=reversal_seq,
                   note=note.strip(), code_id=None, code="")


# -- coupon codes --------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class CodeList:
    """Codes read from a file, tidied: the new ones in file order, and what was left out."""

    codes: tuple[str, ...]
    repeated: tuple[str, ...]  # twice or more in the file (kept once)
    existing: tuple[str, ...]  # the item has them already
    blank: int  # empty cells
    refused: tuple[tuple[int, str, str, str], ...]  # (position, code, why, why in English)
    header: str = ""  # the first cell when it was a header

    @property
    def left_out(self) -> int:
        return len(self.repeated) + len(self.existing) + self.blank + len(self.refused)


def is_code_header(text: str) -> bool:
    word = "".join(text.split()).lower().replace("_", "").replace("-", "")
    return word in CODE_HEADERS


def normalise_codes(raw: Iterable[str], existing: Collection[str] = (),
                    header: bool | None = None) -> CodeList:
    """Codes as the operator pasted or imported them: each stripped (full-width spaces too), a
    blank refused and counted, a repeat kept once and reported, one the item already has left
    out and reported. ``header``: whether the first value is a column header (None: guessed
    from its words, such as 券码 or code)."""
    seen: set[str] = set()
    had = set(existing)
    codes: list[str] = []
    repeated: list[str] = []
    already: list[str] = []
    refused: list[tuple[int, str, str, str]] = []
    blank = 0
    head = ""
    for position, value in enumerate(raw, 1):
        code = unicodedata.normalize("NFKC", value).strip()
        if position == 1 and (header if header is not None else is_code_header(code)):
            head = code
            continue
        if not code:
            blank += 1
            continue
        if any(ch.isspace() for ch in code):
            refused.append((position, code, "券码中间有空格", "the code holds a space"))
            continue
        if len(code) > CODE_MAX:
            refused.append((position, code, f"券码太长（最多 {CODE_MAX} 个字符）",
                            f"the code is longer than {CODE_MAX} characters"))
            continue
        if code in had:
            already.append(code)
        elif code in seen:
            repeated.append(code)
        else:
            seen.add(code)
            codes.append(code)
    return CodeList(tuple(codes), tuple(dict.fromkeys(repeated)), tuple(dict.fromkeys(already)),
                    blank, tuple(refused), head)
