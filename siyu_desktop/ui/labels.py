"""Display names for the domain's codes, translatable (the domain keeps only codes)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication


def _t(text: str) -> str:
    return QCoreApplication.translate("labels", text)


def level_name(level: int) -> str:
    names = {0: _t("普通"), 1: _t("银卡"), 2: _t("金卡"), 3: _t("黑金")}
    return names.get(level, str(level))


def dimension_name(dimension: str) -> str:
    names = {"basic": _t("基础"), "behaviour": _t("行为"), "preference": _t("偏好"),
             "channel": _t("渠道"), "interest": _t("兴趣")}
    return names.get(dimension, dimension)


def channel_name(state: str) -> str:
    names = {"package_card": _t("包裹卡"), "ai_call": _t("AI外呼"), "sms": _t("短信"),
             "fission": _t("裂变"), "offline_event": _t("线下活动"), "live_stream": _t("直播"),
             "mini_program": _t("小程序"), "": _t("未知")}
    return names.get(state, state)


def group_kind_name(kind: str) -> str:
    names = {"vip": _t("会员群"), "new": _t("新人群"), "sale": _t("福利群"), "region": _t("同城群"),
             "interest": _t("兴趣群"), "service": _t("售后群"), "": _t("未分类")}
    return names.get(kind, kind)


def join_scene_name(scene: int) -> str:
    names = {1: _t("直接邀请"), 2: _t("邀请链接"), 3: _t("扫码入群")}
    return names.get(scene, "")


def add_way_name(way: int) -> str:
    names = {0: _t("未知"), 1: _t("扫描二维码"), 2: _t("搜索手机号"), 3: _t("名片分享"),
             4: _t("群聊"), 5: _t("手机通讯录"), 6: _t("微信联系人"), 201: _t("同事分享"),
             202: _t("管理员分配")}
    return names.get(way, str(way))


TZ = ZoneInfo("Asia/Shanghai")


def fmt_time(epoch: int | None, with_time: bool = True) -> str:
    if not epoch:
        return ""
    dt = datetime.fromtimestamp(epoch, TZ)
    return dt.strftime("%Y-%m-%d %H:%M" if with_time else "%Y-%m-%d")


def fmt_count(n: int) -> str:
    return f"{n:,}"
