"""The language of quantities, rule by rule: each table holds sentences for one rule of
:mod:`extract.figures` and the figures they must give, as (mention, value, value_max, unit, bound)."""

import pytest

from extract import extract_text


def _rows(text: str) -> list[tuple]:
    out = []
    for r in extract_text(text).itertuples():
        assert text[r.start:r.end] == r.mention
        vm = None if r.value_max != r.value_max else r.value_max
        out.append((r.mention, r.value, vm, r.unit, r.bound))
    return out


def _check(text: str, want: list[tuple]) -> None:
    assert _rows(text) == [(m, pytest.approx(v, rel=1e-12), None if vm is None else pytest.approx(vm, rel=1e-12), u, b)
                           for m, v, vm, u, b in want]


# _range_ends / _shared_magnitude: a magnitude written once, at the end of a range, counts for both ends
SHARED_MAGNITUDE = [
    ("项目总投资4-6亿元。", [("4-6亿元", 4e8, 6e8, "元", "exact")]),
    ("预计带动就业2.5-3.2万人。", [("2.5-3.2万人", 2.5e4, 3.2e4, "人", "exact")]),
    ("年营收规模达到6至8万亿元。", [("6至8万亿元", 6e12, 8e12, "元", "exact")]),
    ("单笔补贴三到五万港元不等。", [("三到五万港元", 3e4, 5e4, "港元", "exact")]),
    ("月租金十二至二十万日元。", [("十二至二十万日元", 1.2e5, 2e5, "日元", "exact")]),
    ("首期募资一百三十到一百六十万元。", [("一百三十到一百六十万元", 1.3e6, 1.6e6, "元", "exact")]),
    ("年产值六到七百亿元。", [("六到七百亿元", 6e10, 7e10, "元", "exact")]),
    ("该片区可容纳5~8千人。", [("5~8千人", 5e3, 8e3, "人", "exact")]),
    ("订单约20-30万台。", [("约20-30万台", 2e5, 3e5, "台", "approx")]),
    ("新增授信五至十亿美元。", [("五至十亿美元", 5e8, 1e9, "美元", "exact")]),
    ("每年节水3到4亿立方米。", [("3到4亿立方米", 3e8, 4e8, "立方米", "exact")]),
    ("计划引进二十至三十万名技能人才。", [("二十至三十万名", 2e5, 3e5, "名", "exact")]),
    ("平均每户增收1.5~2万元。", [("1.5~2万元", 1.5e4, 2e4, "元", "exact")]),
    ("预计吸引游客80-100万人次。", [("80-100万人次", 8e5, 1e6, "人次", "exact")]),
    ("一期工程可带来七到八千个岗位。", [("七到八千个", 7e3, 8e3, "个", "exact")]),
    # an end with its own magnitude keeps it; a lower end larger than the shared one keeps its own value
    ("授信额度1万-5万元。", [("1万-5万元", 1e4, 5e4, "元", "exact")]),
    ("奖金500-2万元。", [("500-2万元", 500, 2e4, "元", "exact")]),
    ("房价在3万至5万元之间。", [("3万至5万元", 3e4, 5e4, "元", "exact")]),
]

# _range_ends: a reversed range is put in order, never value_max < value
REVERSED = [
    ("能耗较上年降低12%-8%。", [("12%-8%", 8, 12, "%", "exact")]),
    ("工期由十到七天缩短。", [("十到七天", 7, 10, "天", "exact")]),
    ("每单位成本9-6元。", [("9-6元", 6, 9, "元", "exact")]),
    ("温度控制在30至20摄氏度。", [("30至20摄氏度", 20, 30, "摄氏度", "exact")]),
]

# range connectors and marks (data/numbers.toml [ranges])
SEPARATORS = [
    ("单户补助2万元--4万元。", [("2万元--4万元", 2e4, 4e4, "元", "exact")]),
    ("门票售价5——8万港币。", [("5——8万港币", 5e4, 8e4, "港元", "exact")]),
    ("贷款额度3万(含)-10万元。", [("3万(含)-10万元", 3e4, 1e5, "元", "exact")]),
    ("贷款额度3万（含）-10万元。", [("3万（含）-10万元", 3e4, 1e5, "元", "exact")]),
    ("周期为3–5年。", [("3–5年", 3, 5, "年", "exact")]),
    ("研发投入6%~8%。", [("6%~8%", 6, 8, "%", "exact")]),
    ("每人补贴200—500元。", [("200—500元", 200, 500, "元", "exact")]),
    ("建设期为2至3个月。", [("2至3个月", 2, 3, "个月", "exact")]),
]

# money: 圆 and financial numerals; currencies named before the amount (data/units.toml [prefixes])
MONEY = [
    ("合计金额：叁仟伍佰圆整。", [("叁仟伍佰圆", 3500, None, "元", "exact")]),
    ("大写：贰拾萬圆。", [("贰拾萬圆", 2e5, None, "元", "exact")]),
    ("付款陆佰柒拾捌圆伍角。", [("陆佰柒拾捌圆伍角", 678.5, None, "元", "exact")]),
    ("支付壹万贰仟元。", [("壹万贰仟元", 12000, None, "元", "exact")]),
    ("收入港币三千五百元。", [("港币三千五百元", 3500, None, "港元", "exact")]),
    ("筹得新台币42.6亿元。", [("新台币42.6亿元", 4.26e9, None, "新台币", "exact")]),
    ("单价人民币8.88元。", [("人民币8.88元", 8.88, None, "元", "exact")]),
    ("捐赠人民币500万。", [("人民币500万", 5e6, None, "元", "exact")]),
    ("标价￥199。", [("￥199", 199, None, "元", "exact")]),
    ("售价$45。", [("$45", 45, None, "美元", "exact")]),
    ("起拍价€120。", [("€120", 120, None, "欧元", "exact")]),
    ("月薪日元三十万元。", [("日元三十万元", 3e5, None, "日元", "exact")]),
    ("合同金额美元2亿。", [("美元2亿", 2e8, None, "美元", "exact")]),
    ("借款澳门币八十万元。", [("澳门币八十万元", 8e5, None, "澳门元", "exact")]),
    ("估值约为港币120亿元。", [("约为港币120亿元", 1.2e10, None, "港元", "approx")]),
    ("营收超过新台币3000亿元。", [("超过新台币3000亿元", 3e11, None, "新台币", "lower")]),
]

CURRENCIES = [
    ("出口额达5亿泰铢。", [("5亿泰铢", 5e8, None, "泰铢", "exact")]),
    ("合同价值三个亿卢布。", [("三个亿卢布", 3e8, None, "卢布", "exact")]),
    ("票房一个亿元。", [("一个亿元", 1e8, None, "元", "exact")]),
    ("投资120亿卢比。", [("120亿卢比", 1.2e10, None, "卢比", "exact")]),
    ("融资3000万新加坡元。", [("3000万新加坡元", 3e7, None, "新加坡元", "exact")]),
    ("援助50亿越南盾。", [("50亿越南盾", 5e9, None, "越南盾", "exact")]),
    ("罚款200万英镑。", [("200万英镑", 2e6, None, "英镑", "exact")]),
    ("收购价80亿瑞士法郎。", [("80亿瑞士法郎", 8e9, None, "瑞士法郎", "exact")]),
    ("发行债券15亿澳元。", [("15亿澳元", 1.5e9, None, "澳元", "exact")]),
    ("售出9000万韩币。", [("9000万韩币", 9e7, None, "韩元", "exact")]),
    ("零钱九十九美分。", [("九十九美分", 0.99, None, "美元", "exact")]),
    ("票价十二美元又五十美分。", [("十二美元又五十美分", 12.5, None, "美元", "exact")]),
]

# _colloquial_money: 块 is 元 before an amount of 毛/角 or at the end of a clause about money
COLLOQUIAL = [
    ("一斤白菜两块五。", [("一斤", 1, None, "斤", "exact"), ("两块五", 2.5, None, "元", "exact")]),
    ("车费十二块八毛。", [("十二块八毛", 12.8, None, "元", "exact")]),
    ("买菜花了三十块。", [("三十块", 30, None, "元", "exact")]),
    ("这件衣服卖八十块，很便宜。", [("八十块", 80, None, "元", "exact")]),
    ("门票五十块钱。", [("五十块钱", 50, None, "元", "exact")]),
    ("找回三毛钱。", [("三毛钱", 0.3, None, "元", "exact")]),
    ("一根冰棍五角钱。", [("五角钱", 0.5, None, "元", "exact")]),
    ("邮票八分钱一张。", [("八分钱", 0.08, None, "元", "exact")]),
    ("售价九元五角。", [("九元五角", 9.5, None, "元", "exact")]),
    ("共计20元零5分。", [("20元零5分", 20.05, None, "元", "exact")]),
    ("每公斤一块二。", [("一块二", 1.2, None, "元", "exact")]),
    ("整理出三块试验田。", [("三块", 3, None, "块", "exact")]),
    ("新增5块屏幕。", [("5块", 5, None, "块", "exact")]),
]

# temperature: ℃, °C, 摄氏度, 零下 (data/numbers.toml negative_words), 摄氏/华氏 named before
TEMPERATURE = [
    ("最高气温38℃。", [("38℃", 38, None, "摄氏度", "exact")]),
    ("室温保持在25°C。", [("25°C", 25, None, "摄氏度", "exact")]),
    ("夜间降至零下十二摄氏度。", [("零下十二摄氏度", -12, None, "摄氏度", "exact")]),
    ("气温为-5℃。", [("-5℃", -5, None, "摄氏度", "exact")]),
    ("体温三十六点五摄氏度。", [("三十六点五摄氏度", 36.5, None, "摄氏度", "exact")]),
    ("水温达到华氏九十度。", [("华氏九十度", 90, None, "华氏度", "exact")]),
    ("烤箱预热至400°F。", [("400°F", 400, None, "华氏度", "exact")]),
    ("今天最低摄氏零下3度。", [("摄氏零下3度", -3, None, "摄氏度", "exact")]),
    ("昼夜温差15至20摄氏度。", [("15至20摄氏度", 15, 20, "摄氏度", "exact")]),
    ("冰柜温度零下18度。", [("零下18度", -18, None, "度", "exact")]),
]

# metric and imperial units (data/units.toml [dimensions])
METRIC = [
    ("每粒含维生素C 500mg。", [("500mg", 500, None, "毫克", "exact")]),
    ("净含量250g。", [("250g", 250, None, "克", "exact")]),
    ("行李限重23kg。", [("23kg", 23, None, "公斤", "exact")]),
    ("油箱容积55L。", [("55L", 55, None, "升", "exact")]),
    ("每瓶330ml。", [("330ml", 330, None, "毫升", "exact")]),
    ("排量1500cc的发动机。", [("1500cc", 1500, None, "毫升", "exact")]),
    ("年产鲜奶12万公升。", [("12万公升", 1.2e5, None, "升", "exact")]),
    ("每袋净重五百克。", [("五百克", 500, None, "克", "exact")]),
    ("日摄入钠不超过2000毫克。", [("不超过2000毫克", 2000, None, "毫克", "upper")]),
    ("跑道长3200公尺。", [("3200公尺", 3200, None, "米", "exact")]),
    ("面积约120平方公尺。", [("约120平方公尺", 120, None, "平方米", "approx")]),
    ("最高电压1100千伏。", [("1100千伏", 1100, None, "千伏", "exact")]),
    ("额定功率60W。", [("60W", 60, None, "瓦", "exact")]),
]

IMPERIAL = [
    ("屏幕尺寸65英寸。", [("65英寸", 65, None, "英寸", "exact")]),
    ("一台55吋的电视。", [("55吋", 55, None, "英寸", "exact")]),
    ("续航里程300英里。", [("300英里", 300, None, "英里", "exact")]),
    ("每天耗油20加仑。", [("20加仑", 20, None, "加仑", "exact")]),
    ("身高六英尺。", [("六英尺", 6, None, "英尺", "exact")]),
    ("体重180磅。", [("180磅", 180, None, "磅", "exact")]),
    ("每份8盎司。", [("8盎司", 8, None, "盎司", "exact")]),
    ("钻石重2克拉。", [("2克拉", 2, None, "克拉", "exact")]),
]

# traditional script (data/numbers.toml [chars] fold): 時 鐘 個 週 釐 圓
TRADITIONAL = [
    ("每日工作八小時。", [("八小時", 8, None, "小时", "exact")]),
    ("車程約三十分鐘。", [("約三十分鐘", 30, None, "分钟", "approx")]),
    ("工期延長兩個月。", [("兩個月", 2, None, "个月", "exact")]),
    ("培訓為期三週。", [("三週", 3, None, "周", "exact")]),
    ("降雨量45釐米。", [("45釐米", 45, None, "厘米", "exact")]),
    ("售價新臺幣一千圓。", [("新臺幣一千圓", 1000, None, "新台币", "exact")]),
    ("投資逾十億美圓。", [("逾十億美圓", 1e9, None, "美元", "lower")]),
    ("營收增長一成。", [("一成", 10, None, "%", "exact")]),
    ("韓元兌換", []),
    ("全年發電1.2億千瓦時。", [("1.2億千瓦時", 1.2e8, None, "千瓦时", "exact")]),
    ("夜間氣溫攝氏十度。", [("攝氏十度", 10, None, "摄氏度", "exact")]),
]

# halves: 半 alone before a time unit (_HALF_ALONE), 半 inside a unit (一个半小时), 半 after it (两年半)
HALVES = [
    ("会议开了半天。", [("半天", 0.5, None, "天", "exact")]),
    ("排队等了半小时。", [("半小时", 0.5, None, "小时", "exact")]),
    ("试运行半个月。", [("半个月", 0.5, None, "个月", "exact")]),
    ("休息半个小时。", [("半个小时", 0.5, None, "小时", "exact")]),
    ("沉寂了半个世纪。", [("半个世纪", 0.5, None, "世纪", "exact")]),
    ("答辩用时一分半钟。", [("一分半钟", 1.5, None, "分钟", "exact")]),
    ("车程两个半小时。", [("两个半小时", 2.5, None, "小时", "exact")]),
    ("培训持续四个半月。", [("四个半月", 4.5, None, "个月", "exact")]),
    ("手术历时一个半小时。", [("一个半小时", 1.5, None, "小时", "exact")]),
    ("项目建设期三年半。", [("三年半", 3.5, None, "年", "exact")]),
    ("全程约十二个半小时。", [("约十二个半小时", 12.5, None, "小时", "approx")]),
    ("上半年增长5%。", [("5%", 5, None, "%", "exact")]),
]

# _compound: a unit, then an amount of its smaller unit (data/units.toml `sub`)
COMPOUND = [
    ("他身高一米八。", [("一米八", 1.8, None, "米", "exact")]),
    ("跳出两米三。", [("两米三", 2.3, None, "米", "exact")]),
    ("这条鱼五斤三两。", [("五斤三两", 5.3, None, "斤", "exact")]),
    ("称得三斤二两。", [("三斤二两", 3.2, None, "斤", "exact")]),
    ("米价每斤两块六。", [("两块六", 2.6, None, "元", "exact")]),
    ("共计50元6角。", [("50元6角", 50.6, None, "元", "exact")]),
    ("售价八元五毛二分。", [("八元五毛二分", 8.52, None, "元", "exact")]),
    ("黄金三十两。", [("三十两", 30, None, "两", "exact")]),
    ("带回二两茶叶。", [("二两", 2, None, "两", "exact")]),
    ("库存两万两。", [("两万两", 2e4, None, "两", "exact")]),
    ("每人每月100元一份。", [("100元", 100, None, "元", "exact")]),
]

# an Arabic 1 with a measure word is a number (1个); only 一 can mean "a"
ARABIC_ONE = [
    ("建成1个创新中心。", [("1个", 1, None, "个", "exact")]),
    ("新增1家上市公司。", [("1家", 1, None, "家", "exact")]),
    ("落地1项重大工程。", [("1项", 1, None, "项", "exact")]),
    ("只有1名选手晋级。", [("1名", 1, None, "名", "exact")]),
    ("工期缩短1年。", [("1年", 1, None, "年", "exact")]),
    ("另有1台设备检修。", [("1台", 1, None, "台", "exact")]),
]

# signs after a per-cent prefix, and negative words before a number
SIGNS = [
    ("利润率百分之负二点五。", [("百分之负二点五", -2.5, None, "%", "exact")]),
    ("增速为百分之负十。", [("百分之负十", -10, None, "%", "exact")]),
    ("人口增长率千分之负一点二。", [("千分之负一点二", -1.2, None, "‰", "exact")]),
    ("同比增长负百分之四。", [("负百分之四", -4, None, "%", "exact")]),
]

# bound words (data/numbers.toml [bounds])
BOUNDS = [
    ("最少3名工作人员。", [("最少3名", 3, None, "名", "lower")]),
    ("最少5个工作日。", [("最少5个工作日", 5, None, "工作日", "lower")]),
    ("起码两个小时。", [("起码两个小时", 2, None, "小时", "lower")]),
    ("最起码三天。", [("最起码三天", 3, None, "天", "lower")]),
    ("面积200平方米或以上。", [("200平方米或以上", 200, None, "平方米", "lower")]),
    ("年龄在18岁及以上。", [("18岁及以上", 18, None, "岁", "lower")]),
    ("投资额5000万元（含）以上。", [("5000万元（含）以上", 5e7, None, "元", "lower")]),
    ("投资额5000万元(含)以上。", [("5000万元(含)以上", 5e7, None, "元", "lower")]),
    ("容量最多300人。", [("最多300人", 300, None, "人", "upper")]),
    ("每户最多2套。", [("最多2套", 2, None, "套", "upper")]),
    ("顶多三天。", [("顶多三天", 3, None, "天", "upper")]),
    ("排量1.6升或以下。", [("1.6升或以下", 1.6, None, "升", "upper")]),
    ("金额10万元及以下。", [("10万元及以下", 1e5, None, "元", "upper")]),
    ("面积90平方米（含）以下。", [("90平方米（含）以下", 90, None, "平方米", "upper")]),
    ("收入不止3万元。", [("不止3万元", 3e4, None, "元", "lower")]),
]


# _not_an_amount: 一 before a time unit at the start of a clause, or after a duration verb, is one
ONE_DURATION = [
    ("一小时。", [("一小时", 1, None, "小时", "exact")]),
    ("一个星期，足够了。", [("一个星期", 1, None, "周", "exact")]),
    ("培训为期一个月。", [("一个月", 1, None, "个月", "exact")]),
    ("审批耗时一天。", [("一天", 1, None, "天", "exact")]),
    ("一刻钟就到了。", [("一刻钟", 15, None, "分钟", "exact")]),
    ("用了三刻钟。", [("三刻钟", 45, None, "分钟", "exact")]),
    ("一天半，完成全部检测。", [("一天半", 1.5, None, "天", "exact")]),
    ("一年来，成效明显。", []),
    ("新的一年开局良好。", []),
    ("一年一度的展会。", []),
    ("这是一个小时的讲座。", []),
]

# currency codes and units named before an amount that ends the clause
CODES = [
    ("报价USD 250。", [("USD 250", 250, None, "美元", "exact")]),
    ("合计 80 EUR。", [("80 EUR", 80, None, "欧元", "exact")]),
    ("手续费RMB 15，", [("RMB 15", 15, None, "元", "exact")]),
    ("工资 3000 HKD。", [("3000 HKD", 3000, None, "港元", "exact")]),
    ("每股派息人民币0.25。", [("人民币0.25", 0.25, None, "元", "exact")]),
    ("押金港币500，", [("港币500", 500, None, "港元", "exact")]),
]

# 毛 and 角 alone, before no Han character; 半 before a physical unit
ALONE_AND_HALF = [
    ("找回三毛。", [("三毛", 0.3, None, "元", "exact")]),
    ("单价八角，", [("八角", 0.8, None, "元", "exact")]),
    ("五角大楼发表声明。", []),
    ("加水半升。", [("半升", 0.5, None, "升", "exact")]),
    ("买了半斤茶叶。", [("半斤", 0.5, None, "斤", "exact")]),
    ("再走半公里。", [("半公里", 0.5, None, "公里", "exact")]),
]

# _listed: bare numbers listed before a figure share the unit written after the last (and its magnitude,
# when they state none of their own)
LISTED = [
    ("分别低于上月1.6和0.4个百分点。", [("1.6", 1.6, None, "百分点", "exact"), ("0.4个百分点", 0.4, None, "百分点", "exact")]),
    ("分别增长3.2、4.5和5.1%。", [("3.2", 3.2, None, "%", "exact"), ("4.5", 4.5, None, "%", "exact"),
                              ("5.1%", 5.1, None, "%", "exact")]),
    ("分别为1.5、2.3和3.1亿元。", [("1.5", 1.5e8, None, "元", "exact"), ("2.3", 2.3e8, None, "元", "exact"),
                               ("3.1亿元", 3.1e8, None, "元", "exact")]),
    ("产量分别为3.5万和4.2万吨。", [("3.5万", 3.5e4, None, "吨", "exact"), ("4.2万吨", 4.2e4, None, "吨", "exact")]),
    ("新增三和四个。", [("三", 3, None, "个", "exact"), ("四个", 4, None, "个", "exact")]),
    ("分别为12与15家。", [("12", 12, None, "家", "exact"), ("15家", 15, None, "家", "exact")]),
    # not a list of amounts: ordinals, years, a magnitude that may not be the first number's, no unit
    ("第一、二、三次产业占比为19.6%。", [("19.6%", 19.6, None, "%", "exact")]),
    ("2023和2024年均有增长。", []),
    ("三十和四十万人。", [("四十万人", 4e5, None, "人", "exact")]),
    ("得分分别为30和40。", []),
]

# _rate: an amount per a unit is in the rate unit; a per-cent figure takes none
RATES = [
    ("全员劳动生产率为173898元/人。", [("173898元/人", 173898, None, "元/人", "exact")]),
    ("时速350公里/小时。", [("350公里/小时", 350, None, "公里/小时", "exact")]),
    ("产能5000万吨/年。", [("5000万吨/年", 5e7, None, "吨/年", "exact")]),
    ("均价3000元／吨左右。", [("3000元／吨左右", 3000, None, "元/吨", "approx")]),
    ("租金3-5万元/亩。", [("3-5万元/亩", 3e4, 5e4, "元/亩", "exact")]),
    ("年均增长5%/年。", [("5%", 5, None, "%", "exact")]),
    ("截至2024/12/31。", []),
]

# the 零 of a word (找零, 清零, 归零) starts no numeral; 零 inside one (一百零三) and before 点 or 下 does
ZERO_WORDS = [
    ("找零三毛钱。", [("三毛钱", 0.3, None, "元", "exact")]),
    ("实现清零3个月以上。", [("3个月以上", 3, None, "个月", "lower")]),
    ("库存归零5天后回升。", [("5天", 5, None, "天", "exact")]),
    ("共一百零三人。", [("一百零三人", 103, None, "人", "exact")]),
    ("增长零点五个百分点。", [("零点五个百分点", 0.5, None, "百分点", "exact")]),
    ("气温零下三度。", [("零下三度", -3, None, "度", "exact")]),
]

# a measure word before a noun of people (个人) ends the figure; two digits side by side are a vague range
MEASURE_AND_PAIRS = [
    ("有3个人参加。", [("3个", 3, None, "个", "exact")]),
    # a connector between two units is no range: two figures
    ("利率降低0.25个百分点至3.45%。", [("0.25个百分点", 0.25, None, "百分点", "exact"), ("3.45%", 3.45, None, "%", "exact")]),
    ("投资2万亿元至3万吨。", [("2万亿元", 2e12, None, "元", "exact"), ("3万吨", 3e4, None, "吨", "exact")]),
    ("增长3%至5%。", [("3%至5%", 3, 5, "%", "exact")]),
    ("一两个人参加。", [("一两个", 1, 2, "个", "exact")]),
    ("两三个人的团队。", [("两三个", 2, 3, "个", "exact")]),
    ("休息三两天。", [("三两天", 2, 3, "天", "exact")]),
    ("三五天就到。", [("三五天", 3, 5, "天", "exact")]),
    ("七八个项目。", [("七八个", 7, 8, "个", "exact")]),
    ("成立75周年。", []),
    ("带宽达到100Mbps。", [("100Mbps", 100, None, "Mbps", "exact")]),
    ("传输速率达到10Gb/s。", [("10Gb/s", 10, None, "Gbps", "exact")]),
    ("货物周转量167.7亿吨公里。", [("167.7亿吨公里", 1.677e10, None, "吨公里", "exact")]),
    ("旅客周转量139.6亿人公里。", [("139.6亿人公里", 1.396e10, None, "人公里", "exact")]),
]

ALL = {
    "rates": RATES, "listed": LISTED, "shared magnitude": SHARED_MAGNITUDE, "reversed": REVERSED, "separators": SEPARATORS, "money": MONEY,
    "currencies": CURRENCIES, "colloquial": COLLOQUIAL, "temperature": TEMPERATURE, "metric": METRIC,
    "imperial": IMPERIAL, "traditional": TRADITIONAL, "halves": HALVES, "compound": COMPOUND,
    "arabic one": ARABIC_ONE, "signs": SIGNS, "bounds": BOUNDS, "one duration": ONE_DURATION, "codes": CODES,
    "alone and half": ALONE_AND_HALF, "zero words": ZERO_WORDS,
    "measure words and digit pairs": MEASURE_AND_PAIRS,
}
CASES = [(name, text, want) for name, table in ALL.items() for text, want in table]


@pytest.mark.parametrize(("rule", "text", "want"), CASES, ids=[f"{c[0]}: {c[1]}" for c in CASES])
def test_rule(rule: str, text: str, want: list[tuple]) -> None:
    _check(text, want)


# look-alikes: no figure at all
NOT_FIGURES = [
    "我去打听一下消息。",  # 打听: 听 is no unit
    "大家一块儿去吧。",  # 一块儿: together
    "切成块状，拌匀。",  # 块 as a shape word
    "一块蛋糕分给他。",  # 一 meaning "a"
    "长三角一体化发展。",  # 三角: a delta, no money
    "一分钱也没有花。",  # 一分钱: an idiom
    "跟他一毛钱关系都没有。",
    "经济一度承压。",  # 一度: at one time
    "2023年经济回升向好。",  # a calendar year
    "二〇二四年是关键之年。",
    "二○二四年是关键之年。",  # a year's zero written ○
    "第三季度经营平稳。",  # an ordinal
    "三季度增速回落。",  # a quarter of the year is a period
    "第1个百分点的贡献。",  # an ordinal
    "上半年经济平稳。",  # 上半年: a period
    "半导体产业加快发展。",  # 半 before no time unit
    "多半是这样。",
    "一个亿万富翁。",  # 一 meaning "a"
    "韩元兑换业务。",  # a currency name, no amount
    "美元指数走强。",
    "人民币国际化稳步推进。",
]


@pytest.mark.parametrize("text", NOT_FIGURES)
def test_not_a_figure(text: str) -> None:
    assert _rows(text) == []


# known failures: each must fail today; fixing one makes its test fail until it moves to a table above
KNOWN_FAILURES = [
    ("切了三块五花肉。", [("三块", 3, None, "块", "exact")]),  # 块五 is read as 1.5 元's 块 and 五
    ("人民币兑美元6.9元。", []),  # an exchange rate read as 6.9 美元
]


@pytest.mark.xfail(strict=True)
@pytest.mark.parametrize(("text", "want"), KNOWN_FAILURES, ids=[c[0] for c in KNOWN_FAILURES])
def test_known_failure(text: str, want: list[tuple]) -> None:
    _check(text, want)
