"""The vocabulary of the demo brand (a pet-food brand, 「毛孩子食堂」): names, tags, groups.

Pure data and tiny helpers; the store's generator draws from it deterministically.
"""

from __future__ import annotations

from .segments import Segment

BRAND = "毛孩子食堂"

SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
GIVEN = list("伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬晓婷雪琳欣怡子涵梓轩浩宇雨萱思彤佳琪一诺欣妍可馨晨阳博文睿安然悦诗语嘉")
NICK = ["小鱼干", "橘子汽水", "布丁妈", "柯基爸爸", "喵星人", "豆豆", "阿福", "团子", "奶糖",
        "糯米", "可乐", "芒果", "Lucky", "Coco", "Momo"]

STAFF = [
    ("liu.yang", "刘洋", "华东社群组"), ("chen.min", "陈敏", "华东社群组"), ("wang.lei", "王磊", "华东社群组"),
    ("zhao.jing", "赵静", "华北社群组"), ("sun.li", "孙丽", "华北社群组"), ("zhou.tao", "周涛", "华北社群组"),
    ("wu.fang", "吴芳", "华南社群组"), ("zheng.hao", "郑浩", "华南社群组"), ("huang.ting", "黄婷", "华南社群组"),
    ("lin.xiao", "林晓", "西南社群组"), ("he.yu", "何雨", "西南社群组"), ("gao.yan", "高燕", "西南社群组"),
    ("luo.bin", "罗彬", "会员运营组"), ("xie.na", "谢娜", "会员运营组"), ("song.jie", "宋杰", "会员运营组"),
    ("tang.xue", "唐雪", "售后服务组"), ("han.qi", "韩琪", "售后服务组"), ("feng.kai", "冯凯", "售后服务组"),
    ("deng.yi", "邓怡", "内容组"), ("cao.rui", "曹睿", "内容组"),
]

CHANNELS = ["package_card", "ai_call", "sms", "fission", "offline_event", "live_stream", "mini_program"]
CHANNEL_WEIGHTS = [0.30, 0.12, 0.10, 0.20, 0.08, 0.12, 0.08]

CITIES = ["上海", "北京", "广州", "深圳", "杭州", "成都", "重庆", "南京", "武汉", "西安", "苏州", "天津", "长沙", "郑州", "青岛", "宁波", "厦门", "合肥", "昆明", "沈阳", "大连", "济南", "福州", "无锡", "东莞", "佛山", "贵阳", "南宁", "石家庄", "哈尔滨", "长春", "南昌", "太原", "兰州", "海口", "珠海", "温州", "绍兴", "嘉兴", "常州", "徐州", "烟台", "泉州", "惠州", "中山", "金华", "台州", "扬州", "南通", "洛阳"]

FLAVOURS = ["鸡肉", "鱼肉", "牛肉", "鸭肉", "羊肉", "三文鱼", "兔肉", "鹿肉"]
PRODUCTS = ["冻干", "猫粮", "狗粮", "罐头", "湿粮包", "零食"]
CAMPAIGNS = [f"{y}{e}" for y in (2023, 2024, 2025, 2026)
             for e in ("618", "双11", "年货节", "会员日", "宠物展", "新品发布")]

# (group, dimension, coverage, items). A coverage means the group is exclusive (a member has at
# most one of its tags, e.g. one city) and says how many members have one; None means members may
# carry several of its tags (interests, products bought).
TAG_GROUPS: list[tuple[str, str, float | None, list[str]]] = [
    ("宠物类型", "basic", 0.62, ["猫", "狗", "猫狗双全", "异宠"]),
    ("性别", "basic", 0.45, ["女", "男"]),
    ("城市", "basic", 0.45, CITIES),
    ("地区", "basic", 0.15, ["华东", "华北", "华南", "华中", "西南", "西北", "东北"]),
    ("年龄段", "basic", 0.3, ["25-29岁", "30-34岁", "18-24岁", "35-39岁", "40岁以上"]),
    ("家庭", "basic", 0.15, ["已婚", "单身", "情侣", "有娃", "多宠家庭"]),
    ("宠物数量", "basic", 0.15, ["1只", "2只", "3只及以上"]),
    ("宠物性别", "basic", 0.15, ["母", "公"]),
    ("体型", "basic", 0.1, ["小型", "中型", "大型", "超大型"]),
    ("会员权益", "basic", None, ["新人礼已领", "生日礼已领", "积分达人", "年度VIP", "付费会员"]),
    ("最近购买", "behaviour", 0.35, ["30天内", "90天内", "7天内", "180天内", "超过180天"]),
    ("购买频次", "behaviour", 0.3, ["季度购", "月购1次", "月购2次以上", "仅购1次", "半年未购"]),
    ("客单价", "behaviour", 0.25, ["100-199元", "200-399元", "100元以下", "400-799元", "800元以上"]),
    ("生命周期", "behaviour", 0.25, ["成长期", "圈粉期", "忠诚期", "准流失期", "流失期"]),
    ("购买时段", "behaviour", 0.1, ["晚上", "中午", "深夜", "早上"]),
    ("支付方式", "behaviour", 0.1, ["微信支付", "支付宝", "花呗", "信用卡"]),
    ("互动", "behaviour", None, ["群内活跃", "爱答题", "常领券", "只看不说", "晒单达人", "常参加游戏", "直播常客"]),
    ("社群角色", "behaviour", None, ["潜水党", "新手铲屎官", "抢券达人", "晒图达人", "答疑达人", "群内KOC", "团长"]),
    ("售后", "behaviour", None, ["好评多", "催发货", "有退货", "有投诉"]),
    ("流失原因", "behaviour", None, ["价格", "物流慢", "口味不合", "换品牌", "其他", "宠物离世"]),
    ("客服标签", "behaviour", None, ["好沟通", "需回访", "已回访", "重要客户", "难沟通"]),
    ("品类偏好", "preference", None, ["猫粮", "冻干", "零食", "狗粮", "罐头", "猫砂", "营养品", "玩具", "洗护", "湿粮包", "烘焙粮", "处方粮"]),
    ("常购商品", "preference", None, [f + p for p in PRODUCTS for f in FLAVOURS]),
    ("口味", "preference", None, FLAVOURS),
    ("价格敏感度", "preference", 0.15, ["中等", "高敏感", "不敏感"]),
    ("优惠偏好", "preference", None, ["满减券", "会员价", "第二件半价", "积分兑换", "赠品", "限时秒杀", "拼团", "预售定金"]),
    ("购买渠道偏好", "preference", None, ["天猫", "小程序", "京东", "抖音", "线下门店", "拼多多"]),
    ("内容偏好", "preference", None, ["优惠信息", "喂养知识", "萌宠视频", "新品试吃", "健康科普"]),
    ("来源渠道", "channel", 0.3, ["包裹卡", "裂变", "直播间", "AI外呼", "短信", "小程序", "线下活动"]),
    ("活动参与", "channel", None, CAMPAIGNS),
    ("门店", "channel", 0.1, [f"{c}门店" for c in CITIES]),
    ("直播互动", "channel", None, ["点赞", "评论", "分享", "下单"]),
    ("宠物品种", "interest", None, ["布偶猫", "英短", "橘猫", "美短", "金渐层", "银渐层", "暹罗猫", "缅因猫",
                                "狸花猫", "蓝猫", "加菲猫", "折耳猫", "无毛猫", "德文卷毛猫", "阿比西尼亚猫",
                                "挪威森林猫", "孟加拉豹猫", "曼基康", "柯基", "金毛", "泰迪", "柴犬", "边牧",
                                "拉布拉多", "比熊", "哈士奇", "法斗", "博美", "萨摩耶", "雪纳瑞", "贵宾",
                                "阿拉斯加", "德牧", "杜宾", "吉娃娃", "约克夏", "马尔济斯", "巴哥", "松狮",
                                "雪橇犬"]),
    ("宠物年龄", "interest", 0.15, ["成猫", "幼猫", "成犬", "老年猫", "幼犬", "老年犬"]),
    ("健康关注", "interest", None, ["肠胃敏感", "美毛", "泌尿健康", "体重管理", "挑食", "泪痕", "皮肤过敏", "关节护理", "口腔护理"]),
    ("兴趣", "interest", None, ["摄影", "旅行", "追剧", "烘焙", "健身", "露营", "手工", "二次元", "瑜伽", "咖啡",
                              "美妆", "游戏", "阅读", "亲子", "园艺", "跑步", "钓鱼", "电影", "音乐", "宠物摄影"]),
]

GROUP_KINDS = ["vip", "new", "sale", "region", "interest", "service"]
GROUP_KIND_WEIGHTS = [0.15, 0.25, 0.25, 0.15, 0.12, 0.08]
GROUP_NAME_PATTERNS = {
    "vip": "{brand}黑金会员{n}群",
    "new": "{brand}新人福利{n}群",
    "sale": "{brand}宠粮特价{n}群",
    "region": "{brand}{city}铲屎官{n}群",
    "interest": "{brand}{breed}交流{n}群",
    "service": "{brand}售后服务{n}群",
}
GROUP_LABELS = {"vip": ["高价值"], "new": ["新人"], "sale": ["促销"], "region": ["同城"],
                "interest": ["兴趣"], "service": ["售后"]}

REMARKS = ["老客户", "喜欢冻干", "宝妈", "爱晒猫", "对价格敏感", "复购高", "需要跟进", "投诉过物流",
           "双11大客户", "家里三只猫", "狗狗过敏体质", "想要试吃装", "门店会员", "推荐过好友",
           "等待新品通知", "生日送礼", "VIP重点维护", "刚入群", "常问喂养问题", ""]

NOTICE = "欢迎来到{brand}！本群每周三晚 8 点有猜谜和找不同游戏，答对得积分，积分可兑换猫粮狗粮～"

# The saved segments (人群包) an operator of this brand would have made: name, definition, and
# the names of the tags it must include any of (the store gives them their ids). Each is one the
# filter bar can show: its day counts are among the bar's choices.
SAVED_SEGMENTS: list[tuple[str, Segment, tuple[str, ...]]] = [
    ("高价值会员", Segment(levels=(2, 3)), ()),
    ("高价值沉默客户", Segment(levels=(2, 3), inactive_days=90), ()),
    ("30 天未互动", Segment(inactive_days=30), ()),
    ("新客", Segment(joined_within_days=7), ()),
    ("猫主人", Segment(), ("猫", "猫狗双全")),
]
