"""Demo KPIs: every figure of the source's KPI tables, with their sources, owners and the e-approval target.

``demo_data/kpi-figures.csv`` is a copy of ``reference/kpi-figures.csv`` (the tables of the committee handout
of 4 October 2022, tidied); this module adds what the table does not say: the owning division, the page of
the handout, whether the indicator is open data, and the notes in Japanese. Loading twice changes nothing: a
row is saved only when a value differs, so the history gains no empty entries.
"""

import csv
import datetime
from decimal import Decimal
from pathlib import Path

from organisation.models import Division

from .models import Indicator, Observation, Plan, PlanItem, Target

FIGURES = Path(__file__).with_name("demo_data") / "kpi-figures.csv"

SOURCE_DOCUMENT = "デジタル戦略の推進について"
SOURCE_MEETING = "令和4年第3回神奈川県議会定例会 次世代育成・デジタル戦略推進特別委員会"
SOURCE_DATE = datetime.date(2022, 10, 4)
INDICATOR_SOURCE = "令和4年10月4日 次世代育成・デジタル戦略推進特別委員会資料「デジタル戦略の推進について」（神奈川県）"
ONLINE_USAGE_SURVEY = "地方公共団体の行政手続等に係るオンライン利用状況の調査"

MEASURES = {
    "new_in_year": Indicator.Aggregation.NEW_IN_PERIOD,
    "cumulative": Indicator.Aggregation.CUMULATIVE,
    "snapshot": Indicator.Aggregation.SNAPSHOT,
    "ratio": Indicator.Aggregation.RATIO,
}

# code: (owning division, page of the handout, open data, description). The handout's pages are not in the
# text; they follow its table of contents (行政のデジタル化 pp. 5-7, くらしのデジタル化 pp. 8-11, 基盤 p. 14).
INDICATORS = {
    "rpa-tasks": ("dx-office", "5", True,
                  "定型的な業務の効率化を図るRPA（Robotic Process Automation）を新たに導入した業務の数（年度ごと）。"),
    "rpa-tasks-total": ("dx-office", "5", True, "RPAを導入した業務の累計。"),
    "ai-ocr-forms": ("dx-office", "5", True,
                     "届出や報告書などの手書き文字を、AIの活用により高い精度でデータ化するAI-OCRサービスを導入した帳票の累計。"),
    "e-approval-rate": ("documents", "7", True,
                        "行政文書管理システムによる電子決裁の割合（全庁平均）。電子決裁を原則とし、電子決裁率100%を目指す。"),
    "online-procedures": ("dx-office", "8", True, "e-kanagawa電子申請で申請・届出ができる行政手続の数（年度末時点）。"),
    "online-applications": ("dx-office", "8", True, "e-kanagawa電子申請による申請・届出の件数（年度ごと）。"),
    "online-usage-rate": ("dx-office", "8", True, "行政手続等のオンライン利用率（国の調査結果による）。"),
    "open-datasets": ("dx-office", "10", True, "県が公開しているオープンデータの数（累計）。"),
    "mebyo-karte-users": ("healthcare-ict", "11", True,
                          "健康情報を一元的に管理するアプリ「マイME-BYOカルテ」の登録者数（累計）。"),
    "mobile-pcs": ("dx-office", "14", True,
                   "職員が利用する共通利用パソコンをモバイル化した台数（累計、年度当初時点）。令和4年2月末に整備完了。"),
    "cashless-facilities": ("treasury", "9", True, "使用料等のキャッシュレス決済を導入した県民利用施設の数（累計）。"),
    "water-online-procedures": ("water", "8", True,
                                "企業局の水道の使用開始・休止などの手続を、LINEやウェブサービスで受け付けた件数（年度ごと、概数）。"),
    # Internal only, so that the feed's token rule can be seen.
    "water-cashless-payments": ("water", "9", False, "上下水道料金をキャッシュレス決済で収納した件数（年度ごと、概数）。"),
}

NOTES = {
    "to end of August 2022": "令和4年8月末まで",
    "as of end of August 2022": "令和4年8月末時点",
    "target 100%": "",
    "as of end of August 2022; target 100%": "令和4年8月末時点",
    "end of fiscal year": "年度末時点",
    "end of July 2022": "令和4年7月末時点",
    "April to July 2022": "令和4年4月から7月まで",
    "from the national survey of local-government online usage": f"「{ONLINE_USAGE_SURVEY}」の結果",
    "as of 12 September 2022": "令和4年9月12日時点",
    "at the start of the fiscal year (平成31年度)": "年度当初（平成31年度）",
    "at the start of the fiscal year": "年度当初",
    "rollout completed end of February 2022": "令和4年2月末に整備完了",
    "かながわ農業アカデミー; 煤ヶ谷診療所; 金沢文庫; 歴史博物館": "かながわ農業アカデミー、煤ヶ谷診療所、金沢文庫、歴史博物館",
    "adds かながわ労働プラザ (2022-04); 武道館 (2022-07); 愛川ふれあいの村 and 西湘スポーツセンター (2022-08)":
        "かながわ労働プラザ（令和4年4月）、武道館（令和4年7月）、愛川ふれあいの村・西湘スポーツセンター（令和4年8月）を追加",
    "approximate (約3万2千件)": "約3万2千件",
    "approximate (約8万件)": "約8万件",
}

# The indicators the handout prints with a 累計 row beneath the yearly figures.
TOTAL_ROWS = {"rpa-tasks"}

TARGETS = [("e-approval-rate", 2022, Decimal(100), "引き続き電子決裁率100%を目指す")]

# The plans the handout names (pp. 1-4), with their pillars and measures as it prints them. The handout does
# not tie its figures to the measures itself: each indicator goes under the measure whose title names what its
# section (行政のデジタル化 / くらしのデジタル化) reports, and under the national focus area of the same name.
KANAGAWA_PLAN = "kanagawa-ict"
NATIONAL_PLAN = "municipal-dx"
PLANS = [
    (KANAGAWA_PLAN, "かながわICT・データ利活用推進計画", "神奈川県", "令和元年度から4年度までの4年間（令和元年7月策定）", [
        ("kanagawa-ict-1", "柱Ⅰ", "くらしの情報化", [
            ("kanagawa-ict-1-1", "①", "ICT及びデータを利活用した県民サービスの提供", ["mebyo-karte-users"]),
            ("kanagawa-ict-1-2", "②", "官民情報共有・整備の推進", ["open-datasets"]),
            ("kanagawa-ict-1-3", "③", "県民サービスの更なる電子化の推進", [
                "online-procedures", "online-applications", "online-usage-rate", "water-online-procedures",
                "cashless-facilities", "water-cashless-payments",
            ]),
        ]),
        ("kanagawa-ict-2", "柱Ⅱ", "行政の情報化", [
            ("kanagawa-ict-2-4", "④", "行政事務の更なる電子化の推進", [
                "rpa-tasks", "rpa-tasks-total", "ai-ocr-forms", "e-approval-rate", "mobile-pcs",
            ]),
            ("kanagawa-ict-2-5", "⑤", "クラウド適用の原則化", []),
            ("kanagawa-ict-2-6", "⑥", "ICTガバナンスの強化", []),
            ("kanagawa-ict-2-7", "⑦", "情報化人材の確保", []),
        ]),
    ]),
    (NATIONAL_PLAN, "自治体DX推進計画", "国", "令和3年1月から令和8年3月まで（令和2年12月策定、令和4年9月改定）", [
        ("municipal-dx-1", "①", "自治体の情報システムの標準化・共通化", []),
        ("municipal-dx-2", "②", "マイナンバーカードの普及促進", []),
        ("municipal-dx-3", "③", "自治体の行政手続のオンライン化", [
            "online-procedures", "online-applications", "online-usage-rate",
        ]),
        ("municipal-dx-4", "④", "自治体のAI・RPAの利用推進", ["rpa-tasks", "rpa-tasks-total", "ai-ocr-forms"]),
        ("municipal-dx-5", "⑤", "テレワークの推進", []),
        ("municipal-dx-6", "⑥", "セキュリティ対策の徹底", []),
    ]),
]


def _upsert(model, lookup: dict, values: dict):
    """Create the row, or update it when a value differs; an unchanged row is left alone (no new history)."""
    instance = model.objects.filter(**lookup).first()
    if instance is not None and all(getattr(instance, name) == value for name, value in values.items()):
        return instance
    if instance is None:
        instance = model(**lookup)
    else:
        instance.version += 1
    for name, value in values.items():
        setattr(instance, name, value)
    instance.full_clean()
    instance.save()
    return instance


def load(out, story) -> None:
    """KPI figures keep the source's real fiscal years, whatever day ``story`` replays the rest on."""
    divisions = dict(Division.objects.values_list("code", "pk"))
    with FIGURES.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    indicators = {}
    for order, row in enumerate(rows):
        code = row["indicator_code"]
        if code not in indicators:
            division, page, public, description = INDICATORS[code]
            indicators[code] = (page, _upsert(Indicator, {"code": code}, {
                "name_ja": row["name_ja"], "name_en": row["name_en"], "unit": row["unit"],
                "aggregation": MEASURES[row["measure"]], "direction": Indicator.Direction.HIGHER_IS_BETTER,
                "division_id": divisions[division], "source": INDICATOR_SOURCE, "licence": "CC BY 4.0",
                "is_public": public, "description": description, "sort_order": order,
                "total_row": code in TOTAL_ROWS,
            }))
        page, indicator = indicators[code]
        _upsert(Observation, {"indicator": indicator, "fiscal_year": int(row["fiscal_year"]), "month": None}, {
            "value": Decimal(row["value"]),
            "as_of": datetime.date.fromisoformat(row["period_end"]),
            "is_provisional": row["provisional"] == "true",
            "is_estimate": row["note"].startswith("approximate"),
            "note": NOTES[row["note"]] if row["note"] else "",
            "source_document": SOURCE_DOCUMENT,
            "source_meeting_or_survey": ONLINE_USAGE_SURVEY if code == "online-usage-rate" else SOURCE_MEETING,
            "source_date": SOURCE_DATE,
            "source_page": page,
        })
    for code, year, value, note in TARGETS:
        _upsert(Target, {"indicator": indicators[code][1], "fiscal_year": year}, {"value": value, "note": note})
    out.write(f"KPIs: {len(indicators)} indicators, {len(rows)} observations, {len(TARGETS)} target(s).")
    items = _load_plans({code: indicator for code, (_, indicator) in indicators.items()})
    out.write(f"Plans: {len(PLANS)} plans, {items} pillars and measures.")


def _link(item: PlanItem, indicators: list[Indicator]) -> None:
    if set(item.indicators.values_list("pk", flat=True)) != {indicator.pk for indicator in indicators}:
        item.indicators.set(indicators)


def _load_plans(indicators: dict[str, Indicator]) -> int:
    """The plan tree of PLANS, each measure with its indicators; a second load changes nothing."""
    count = 0
    for plan_order, (code, name, issuer, period, entries) in enumerate(PLANS):
        plan = _upsert(Plan, {"code": code}, {"name": name, "issuer": issuer, "period": period, "order": plan_order})
        for order, (item_code, number, title, rest) in enumerate(entries):
            item = _upsert(PlanItem, {"code": item_code}, {
                "plan": plan, "parent": None, "number": number, "title": title, "order": order,
            })
            count += 1
            if rest and isinstance(rest[0], tuple):  # a pillar and its measures
                for child_order, (child_code, child_number, child_title, codes) in enumerate(rest):
                    child = _upsert(PlanItem, {"code": child_code}, {
                        "plan": plan, "parent": item, "number": child_number, "title": child_title, "order": child_order,
                    })
                    _link(child, [indicators[c] for c in codes])
                    count += 1
            else:
                _link(item, [indicators[c] for c in rest])
    return count
