"""Display names for the domain's codes, translatable (the domain keeps only codes)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from ..domain import summaries


def _t(text: object) -> str:
    """``text`` is a ``QT_TRANSLATE_NOOP`` string (typed ``object`` in Qt's stubs)."""
    return QCoreApplication.translate("labels", str(text))


def level_name(level: int) -> str:
    names = {
        0: QT_TRANSLATE_NOOP("labels", "普通"),
        1: QT_TRANSLATE_NOOP("labels", "银卡"),
        2: QT_TRANSLATE_NOOP("labels", "金卡"),
        3: QT_TRANSLATE_NOOP("labels", "黑金"),
    }
    return _t(names[level]) if level in names else str(level)


def level_basis_name(basis: str) -> str:
    """What member levels are measured by (``domain.levels.LevelBasis``)."""
    names = {
        "lifetime": QT_TRANSLATE_NOOP("labels", "累计积分"),
        "rolling_12m": QT_TRANSLATE_NOOP("labels", "近 12 个月积分"),
        "spend": QT_TRANSLATE_NOOP("labels", "累计消费"),
    }
    return _t(names[basis]) if basis in names else basis


def dimension_name(dimension: str) -> str:
    names = {
        "basic": QT_TRANSLATE_NOOP("labels", "基础"),
        "behaviour": QT_TRANSLATE_NOOP("labels", "行为"),
        "preference": QT_TRANSLATE_NOOP("labels", "偏好"),
        "channel": QT_TRANSLATE_NOOP("labels", "渠道"),
        "interest": QT_TRANSLATE_NOOP("labels", "兴趣"),
    }
    return _t(names[dimension]) if dimension in names else dimension


def channel_name(state: str, listed: Mapping[str, str] | None = None) -> str:
    """A channel code's name: from the workspace's channel list (``listed``) when it has the
    code, else the demo codes' translated names, else the code itself."""
    if state and listed and state in listed:
        return listed[state]
    names = {
        "package_card": QT_TRANSLATE_NOOP("labels", "包裹卡"),
        "ai_call": QT_TRANSLATE_NOOP("labels", "AI外呼"),
        "sms": QT_TRANSLATE_NOOP("labels", "短信"),
        "fission": QT_TRANSLATE_NOOP("labels", "裂变"),
        "offline_event": QT_TRANSLATE_NOOP("labels", "线下活动"),
        "live_stream": QT_TRANSLATE_NOOP("labels", "直播"),
        "mini_program": QT_TRANSLATE_NOOP("labels", "小程序"),
        "": QT_TRANSLATE_NOOP("labels", "未知"),
    }
    return _t(names[state]) if state in names else state


def group_kind_name(kind: str) -> str:
    names = {
        "vip": QT_TRANSLATE_NOOP("labels", "会员群"),
        "new": QT_TRANSLATE_NOOP("labels", "新人群"),
        "sale": QT_TRANSLATE_NOOP("labels", "福利群"),
        "region": QT_TRANSLATE_NOOP("labels", "同城群"),
        "interest": QT_TRANSLATE_NOOP("labels", "兴趣群"),
        "service": QT_TRANSLATE_NOOP("labels", "售后群"),
        "": QT_TRANSLATE_NOOP("labels", "未分类"),
    }
    return _t(names[kind]) if kind in names else kind


def join_scene_name(scene: int) -> str:
    names = {
        1: QT_TRANSLATE_NOOP("labels", "直接邀请"),
        2: QT_TRANSLATE_NOOP("labels", "邀请链接"),
        3: QT_TRANSLATE_NOOP("labels", "扫码入群"),
    }
    return _t(names[scene]) if scene in names else ""


def add_way_name(way: int) -> str:
    names = {
        0: QT_TRANSLATE_NOOP("labels", "未知"),
        1: QT_TRANSLATE_NOOP("labels", "扫描二维码"),
        2: QT_TRANSLATE_NOOP("labels", "搜索手机号"),
        3: QT_TRANSLATE_NOOP("labels", "名片分享"),
        4: QT_TRANSLATE_NOOP("labels", "群聊"),
        5: QT_TRANSLATE_NOOP("labels", "手机通讯录"),
        6: QT_TRANSLATE_NOOP("labels", "微信联系人"),
        201: QT_TRANSLATE_NOOP("labels", "同事分享"),
        202: QT_TRANSLATE_NOOP("labels", "管理员分配"),
    }
    return _t(names[way]) if way in names else str(way)


TZ = ZoneInfo("Asia/Shanghai")


def reward_kind_name(kind: str) -> str:
    """A catalog item's kind (奖品类型)."""
    names = {
        "coupon": QT_TRANSLATE_NOOP("labels", "优惠券"),
        "goods": QT_TRANSLATE_NOOP("labels", "实物"),
        "points_cash": QT_TRANSLATE_NOOP("labels", "积分+现金"),
    }
    return _t(names[kind]) if kind in names else kind


def redemption_status_name(status: str) -> str:
    """Where a redemption is in its life (兑换状态)."""
    names = {
        "pending": QT_TRANSLATE_NOOP("labels", "待发放"),
        "issued": QT_TRANSLATE_NOOP("labels", "已发放"),
        "cancelled": QT_TRANSLATE_NOOP("labels", "已取消"),
    }
    return _t(names[status]) if status in names else status


def fmt_yuan(fen: int) -> str:
    """Fen as money: 1990 → ¥19.90 (empty for none)."""
    if not fen:
        return ""
    yuan, cents = divmod(fen, 100)
    return f"¥{yuan}" if cents == 0 else f"¥{yuan}.{cents:02d}"


def fmt_time(epoch: float | None, with_time: bool = True, zone: ZoneInfo | None = None) -> str:
    """A moment as the operator reads it, in ``zone`` (the workspace's; Asia/Shanghai when not
    given)."""
    if not epoch:
        return ""
    dt = datetime.fromtimestamp(epoch, zone or TZ)
    return dt.strftime("%Y-%m-%d %H:%M" if with_time else "%Y-%m-%d")


def fmt_count(n: int) -> str:
    return f"{n:,}"


def action_name(action: str) -> str:
    """The kind of an operation in the history (操作记录)."""
    names = {
        "add_tag": QT_TRANSLATE_NOOP("labels", "打标签"),
        "remove_tag": QT_TRANSLATE_NOOP("labels", "移除标签"),
        "merge_tags": QT_TRANSLATE_NOOP("labels", "合并标签"),
        "rename_tag": QT_TRANSLATE_NOOP("labels", "重命名标签"),
        "delete_tag": QT_TRANSLATE_NOOP("labels", "删除标签"),
        "create_tag": QT_TRANSLATE_NOOP("labels", "新建标签"),
        "create_tag_group": QT_TRANSLATE_NOOP("labels", "新建标签组"),
        "rename_tag_group": QT_TRANSLATE_NOOP("labels", "重命名标签组"),
        "delete_tag_group": QT_TRANSLATE_NOOP("labels", "删除标签组"),
        "edit_member": QT_TRANSLATE_NOOP("labels", "修改客户资料"),
        "edit_remark": QT_TRANSLATE_NOOP("labels", "修改备注"),
        "import": QT_TRANSLATE_NOOP("labels", "导入"),
        "undo": QT_TRANSLATE_NOOP("labels", "撤销"),
        "save_segment": QT_TRANSLATE_NOOP("labels", "保存人群包"),
        "delete_segment": QT_TRANSLATE_NOOP("labels", "删除人群包"),
        "outbox_sent": QT_TRANSLATE_NOOP("labels", "发送到企业微信"),
        "outbox_discard": QT_TRANSLATE_NOOP("labels", "放弃发送"),
        "sync": QT_TRANSLATE_NOOP("labels", "同步"),
        "sync_members": QT_TRANSLATE_NOOP("labels", "同步客户"),
        "sync_staff": QT_TRANSLATE_NOOP("labels", "同步员工"),
        "sync_tags": QT_TRANSLATE_NOOP("labels", "同步标签库"),
        "rewards_add_item": QT_TRANSLATE_NOOP("labels", "新增奖品"),
        "rewards_edit_item": QT_TRANSLATE_NOOP("labels", "修改奖品"),
        "rewards_import_codes": QT_TRANSLATE_NOOP("labels", "导入券码"),
        "rewards_redeem": QT_TRANSLATE_NOOP("labels", "积分兑换"),
        "rewards_issue": QT_TRANSLATE_NOOP("labels", "发放兑换"),
        "rewards_cancel": QT_TRANSLATE_NOOP("labels", "取消兑换"),
        "points_rule_add": QT_TRANSLATE_NOOP("labels", "新增积分规则"),
        "points_rule_edit": QT_TRANSLATE_NOOP("labels", "修改积分规则"),
        "points_rule_enable": QT_TRANSLATE_NOOP("labels", "启用积分规则"),
        "points_rule_disable": QT_TRANSLATE_NOOP("labels", "停用积分规则"),
        "points_rules_run": QT_TRANSLATE_NOOP("labels", "积分规则发放"),
        "points_policy": QT_TRANSLATE_NOOP("labels", "修改积分到期规则"),
    }
    return _t(names[action]) if action in names else action


def actor_name(actor: str) -> str:
    """Who did it: the app's own machinery by its role, a person by the name they work under."""
    names = {
        "sync": QT_TRANSLATE_NOOP("labels", "企业微信同步"),
        "outbox": QT_TRANSLATE_NOOP("labels", "发件箱"),
        "operator": QT_TRANSLATE_NOOP("labels", "我（窗口）"),
        "cli": QT_TRANSLATE_NOOP("labels", "我（命令行）"),
    }
    return _t(names[actor]) if actor in names else actor


# What operations say they did (操作记录 → 内容): the services store these Chinese templates with
# their values (domain.summaries); listed here so they are translated. A test checks that every
# template the code stores is listed.
SUMMARY_TEMPLATES = (
    QT_TRANSLATE_NOOP("summaries", "给 {n} 位客户打上标签“{tag}”"),
    QT_TRANSLATE_NOOP("summaries", "从 {n} 位客户移除标签“{tag}”"),
    QT_TRANSLATE_NOOP("summaries", "编辑客户资料"),
    QT_TRANSLATE_NOOP("summaries", "修改客户备注"),
    QT_TRANSLATE_NOOP("summaries", "导入「{file}」：新增 {new} 位，更新 {updated} 位"),
    QT_TRANSLATE_NOOP("summaries", "积分发放「{reason}」：每位 {amount} 分（批次 {key}）"),
    QT_TRANSLATE_NOOP("summaries", "积分过期：{day}"),
    QT_TRANSLATE_NOOP("summaries", "积分到期规则改为：永不过期"),
    QT_TRANSLATE_NOOP("summaries", "积分到期规则改为：获得后第 {months} 个月月底过期"),
    QT_TRANSLATE_NOOP("summaries", "积分到期规则改为：每年 {month} 月 {day} 日清零当年获得的积分"),
    QT_TRANSLATE_NOOP("summaries", "积分到期规则改为：每年 {month} 月 {day} 日清零 {years} 年前获得的积分"),
    QT_TRANSLATE_NOOP("summaries", "新增奖品“{name}”"),
    QT_TRANSLATE_NOOP("summaries", "修改奖品“{name}”"),
    QT_TRANSLATE_NOOP("summaries", "上架奖品“{name}”"),
    QT_TRANSLATE_NOOP("summaries", "下架奖品“{name}”"),
    QT_TRANSLATE_NOOP("summaries", "导入“{name}”的券码（{file}）"),
    QT_TRANSLATE_NOOP("summaries", "客户 {member} 兑换“{name}”（{points} 积分）"),
    QT_TRANSLATE_NOOP("summaries", "发放兑换 #{id}"),
    QT_TRANSLATE_NOOP("summaries", "取消兑换 #{id}，积分退回"),
    QT_TRANSLATE_NOOP("summaries", "新增积分规则“{name}”"),
    QT_TRANSLATE_NOOP("summaries", "修改积分规则“{name}”"),
    QT_TRANSLATE_NOOP("summaries", "启用积分规则“{name}”"),
    QT_TRANSLATE_NOOP("summaries", "停用积分规则“{name}”"),
    QT_TRANSLATE_NOOP("summaries", "积分规则发放 {day}：{members} 位客户，共 {points} 分"),
    QT_TRANSLATE_NOOP("summaries", "表格积分「{file}」：{members} 位客户，发放 {given} 分，扣回 {taken} 分"),
    QT_TRANSLATE_NOOP("summaries", "撤销操作 #{id}（{n} 项）"),
    QT_TRANSLATE_NOOP("summaries", "新建标签组“{name}”"),
    QT_TRANSLATE_NOOP("summaries", "修改标签组为“{name}”"),
    QT_TRANSLATE_NOOP("summaries", "删除标签组"),
    QT_TRANSLATE_NOOP("summaries", "新建标签“{name}”"),
    QT_TRANSLATE_NOOP("summaries", "标签改名为“{name}”"),
    QT_TRANSLATE_NOOP("summaries", "删除 {n} 个标签"),  # written before names were kept
    QT_TRANSLATE_NOOP("summaries", "删除 {n} 个标签：{names}"),
    QT_TRANSLATE_NOOP("summaries", "合并 {n} 个标签"),
    QT_TRANSLATE_NOOP("summaries", "把 {sources} 合并到“{target}”"),
    QT_TRANSLATE_NOOP("summaries", "修改渠道列表"),
    QT_TRANSLATE_NOOP("summaries", "合并渠道「{source}」到「{target}」（{n} 位客户）"),
    QT_TRANSLATE_NOOP("summaries", "保存人群包“{name}”"),
    QT_TRANSLATE_NOOP("summaries", "删除人群包"),
    QT_TRANSLATE_NOOP("summaries", "放弃发件箱第 {id} 项"),
    QT_TRANSLATE_NOOP("summaries", "发件箱第 {ids} 项已发送到企业微信"),
    QT_TRANSLATE_NOOP("summaries", "同步员工 {n} 人"),
    QT_TRANSLATE_NOOP("summaries", "同步企业标签库"),
    QT_TRANSLATE_NOOP("summaries", "同步新客户"),
    QT_TRANSLATE_NOOP("summaries", "同步员工姓名 {n} 人"),
    QT_TRANSLATE_NOOP("summaries", "同步客户资料"),
    QT_TRANSLATE_NOOP("summaries", "同步客户：移除已删除的好友关系"),
    QT_TRANSLATE_NOOP("summaries", "同步：客户新增 {added}，更新 {updated}，关系 +{follows}；"
                                   "客户群 {groups} 个，进群 {joins}，退群 {leaves}"),
    QT_TRANSLATE_NOOP("summaries",
                      "会员等级规则：累计积分，银卡 {silver} / 金卡 {gold} / 黑金 {black}"),
    QT_TRANSLATE_NOOP("summaries",
                      "会员等级规则：近 12 个月积分，银卡 {silver} / 金卡 {gold} / 黑金 {black}"),
    QT_TRANSLATE_NOOP("summaries",
                      "会员等级规则：累计消费，银卡 {silver} / 金卡 {gold} / 黑金 {black} 元"),
    QT_TRANSLATE_NOOP("summaries", "停用按规则定级"),
    QT_TRANSLATE_NOOP("summaries", "按规则重新定级：升级 {up} 位，降级 {down} 位"),
)


def summary_text(stored: str) -> str:
    """An operation's summary in the window's language (older, plain summaries as written)."""
    return summaries.render(stored, lambda t: QCoreApplication.translate("summaries", t))
