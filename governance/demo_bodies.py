"""Demo data for the bodies that decide and coordinate, from the October 2022 handout (reference/).

The council's members are the prefecture and its 33 municipalities with their real codes; the council
met as the source dates it (set up in November 2021, a 担当者会議 in February 2022, two plenaries by
October 2022). The steering committee's four meetings are a plausible history of the source's
initiatives; the days within a month and the DX status matrix are illustrative.

Runs after organisation.demo (divisions, users) and projects.demo (projects, which may be absent: a
relation to a missing project is skipped). Idempotent: a row is written only when it differs, so a
second run adds no history either. The dates below are the source's; ``story`` moves them to the day the
demo is loaded (dx_portal.demo), and the committee's titles name the fiscal year their meetings then fall in.
"""

import csv
import datetime
from itertools import groupby
from pathlib import Path

from django.contrib.auth import get_user_model

from dx_portal.demo import SOURCE_DATE, Story
from dx_portal.demo import put as _put
from dx_portal.disclosure import Disclosure, WithholdingGround
from dx_portal.fiscal import fiscal_year_name, fiscal_year_of
from organisation.models import Bureau, Division
from projects.models import Project

from .models import (
    ActionItem,
    AgendaItem,
    AgendaKind,
    CommitteeMeeting,
    CouncilMeeting,
    Decision,
    ForwardedItem,
    MunicipalDxStatus,
    Municipality,
)

D = datetime.date
PREFECTURE = ("140007", "神奈川県", "かながわけん", Municipality.Kind.PREFECTURE)
# The product's own reference data: the 33 municipalities with their national codes (code, name_ja, name_kana, kind).
MUNICIPALITIES_CSV = Path(__file__).with_name("demo_data") / "kanagawa-municipalities.csv"
with MUNICIPALITIES_CSV.open(encoding="utf-8", newline="") as _file:
    MUNICIPALITIES = list(csv.DictReader(_file))

COUNCIL_MEETINGS = [
    # kind, number, held on, title, agenda, minutes, follow-ups, absent member codes
    (
        CouncilMeeting.Kind.PLENARY, 1, D(2021, 11, 24), "県市町村デジタル推進会議（第1回）",
        "1 会議の設置について\n2 国の自治体DX推進計画と県の取組\n3 情報システムの標準化・共通化への対応",
        "県と県内全市町村で会議を設置した。自治体DXの推進や、デジタル分野の共通かつ広域的な課題に連携・協調して"
        "対応することを確認した。下部組織として担当者会議を置くこととした。",
        "担当者会議を令和4年2月に開催する（事務局：デジタル戦略本部室）。\n各団体の自治体DXの対応状況を事務局で取りまとめる。",
        [],
    ),
    (
        CouncilMeeting.Kind.WORKING, 1, D(2022, 2, 17), "県市町村デジタル推進会議 担当者会議（第1回）",
        "1 各団体の自治体DXの対応状況の共有\n2 標準化・共通化の移行計画の課題\n3 行政手続のオンライン化の進め方",
        "6つの重点取組事項について各団体の対応状況を共有した。標準化・共通化では移行計画の策定とベンダーとの調整が"
        "共通の課題として挙がった。電子自治体共同運営サービスの電子申請システムの活用事例を共有した。",
        "対応状況の照会を半年ごとに行う。\n標準化・共通化の課題を整理し、次回の推進会議に報告する。",
        ["143839", "144029", "143642", "143626"],
    ),
    (
        CouncilMeeting.Kind.PLENARY, 2, D(2022, 7, 27), "県市町村デジタル推進会議（第2回）",
        "1 担当者会議の報告\n2 次期神奈川情報セキュリティクラウドへの移行\n3 データ統合・分析基盤の共同利用の検討",
        "担当者会議で整理した課題を報告した。次期KSC（令和5年度運用開始予定）への移行に向け、参加団体と次期KSC"
        "事業者との三者協定の締結を進めることを確認した。データ統合・分析基盤の共同利用に向けた有識者検討会の状況を報告した。",
        "三者協定書の案を各参加団体に送付する。\n対応状況の次回照会を令和4年9月末時点で行う。",
        [],
    ),
]

# The committee: CIO/CDO and bureau directors agree DX matters (合意形成), share issues, commission studies.
COMMITTEE_MEETINGS = [
    # number, held on, agenda [(title, kind, presenter division)], minutes
    (1, D(2021, 6, 22), [
        ("公金収納のキャッシュレス化の進め方", AgendaKind.DECISION, "treasury"),
        ("RPAの全庁展開", AgendaKind.DECISION, "dx-office"),
        ("電子決裁の原則化", AgendaKind.DECISION, "documents"),
    ], "CIO兼CDOから、コロナ禍で顕在化したデジタル化の遅れに対応するため、行政のデジタル化を加速する方針が示された。"
       "キャッシュレス化、RPAの展開、電子決裁の原則化について合意した。"),
    (2, D(2021, 11, 16), [
        ("電子契約の実証実験", AgendaKind.DECISION, "contracts"),
        ("収入証紙の廃止", AgendaKind.CONSULTATION, "treasury"),
        ("次期神奈川情報セキュリティクラウドの調達", AgendaKind.DECISION, "dx-office"),
    ], "電子契約の実証実験と次期KSCの調達方針について合意した。収入証紙の廃止は論点を整理して次回に再協議することとした。"),
    (3, D(2022, 3, 15), [
        ("RPA・AI-OCRの利用拡大", AgendaKind.DECISION, "dx-office"),
        ("収入証紙の廃止（再協議）", AgendaKind.DECISION, "treasury"),
        ("神奈川県デジタル人材育成方針", AgendaKind.REPORT, "dx-office"),
        ("企業局における現場業務の遠隔化", AgendaKind.REPORT, "water"),
    ], "RPAとAI-OCRの利用拡大、収入証紙の廃止方針について合意した。"
       "デジタル人材育成方針の策定と企業局の遠隔化の取組が報告された。"),
    (4, D(2022, 9, 13), [
        ("電子契約の導入", AgendaKind.DECISION, "contracts"),
        ("電子決裁率100%に向けた取組", AgendaKind.DECISION, "documents"),
        ("次期KSCへの移行", AgendaKind.REPORT, "dx-office"),
        ("行政機関窓口の手数料等のキャッシュレス化", AgendaKind.CONSULTATION, "treasury"),
    ], "電子契約の実証実験（令和4年1月～5月）の結果を踏まえた導入方針と、電子決裁率100%に向けた取組について合意した。"
       "窓口の手数料等のキャッシュレス化は決済手段を検討のうえ次回に諮ることとした。"),
]

DECISIONS = [
    # reference, title, kind, status, context, options, decision, rationale, consequences,
    # bureaus, codes of the projects concerned (projects.demo), supersedes
    ("1-1", "県民利用施設の使用料等のキャッシュレス化", AgendaKind.DECISION, Decision.Status.AGREED,
     "県民の利便性向上と感染症防止のため、手数料・施設使用料等の公金収納のキャッシュレス化が求められている。",
     "A 全施設に一斉導入\nB 現金決済件数の多い施設から段階的に導入",
     "現金決済件数が年間1,000件以上の施設から導入し、令和3年度は県直営の4施設に導入する。",
     "導入経費に対する効果が大きい施設から始め、運用上の課題を早期に把握するため。",
     "年間1,000件未満の施設も、経費を考慮しながら順次導入する。", ["accounting"], ["CASHLESS"], None),
    ("1-2", "RPAの全庁展開", AgendaKind.DECISION, Decision.Status.AGREED,
     "定型的な業務の効率化のため、令和元年度から試行してきたRPAを全庁に展開する。",
     "A 各局が個別に調達\nB デジタル戦略本部室が共通基盤を用意し各局の業務に導入",
     "デジタル戦略本部室が共通のRPA環境を用意し、各局の定型業務への導入を支援する。",
     "ライセンスと開発ノウハウを集約し、導入の費用と期間を抑えるため。",
     "各局は導入候補業務を毎年度照会に回答する。", ["policy"], [], None),
    ("1-3", "電子決裁の原則化", AgendaKind.DECISION, Decision.Status.AGREED,
     "行政文書管理システム（平成30年4月導入）による電子決裁率は令和2年度56.8%にとどまる。",
     "", "電子決裁を原則とした運用とし、令和3年度の全庁平均電子決裁率80%以上を目指す。",
     "テレワークの前提となり、押印見直しとあわせて業務を効率化できるため。",
     "紙決裁が残る所属の理由を文書課が把握する。", ["general-affairs"], ["DOC-EAPPROVAL"], None),
    ("2-1", "電子契約の実証実験", AgendaKind.DECISION, Decision.Status.AGREED,
     "契約事務の効率化と事業者の負担軽減のため、電子契約の導入を検討している。",
     "A 直ちに本格導入\nB 実証実験で運用上の課題を確認してから導入",
     "令和4年1月から5月まで電子契約の実証実験を行う。",
     "電子署名の権限やセキュリティ対策、事業者の受け止めを事前に確認するため。",
     "実証の結果を踏まえて導入方針を改めて諮る。", ["general-affairs"], ["E-CONTRACT"], None),
    ("2-2", "収入証紙の廃止", AgendaKind.CONSULTATION, Decision.Status.DEFERRED,
     "手数料等の納付に収入証紙を用いており、購入と貼付が県民の負担になっている。",
     "A 収入証紙を廃止しキャッシュレス決済に移行\nB 収入証紙を存続しキャッシュレス決済を併用",
     "条例改正や販売所との調整などの論点を整理のうえ、次回に再協議する。", "", "",
     ["accounting"], ["CASHLESS"], None),
    ("2-3", "次期神奈川情報セキュリティクラウド（次期KSC）の調達方針", AgendaKind.DECISION, Decision.Status.AGREED,
     "平成28年度に構築した神奈川情報セキュリティクラウドの更新時期を迎える。",
     "A 現行方式のまま更新\nB セキュリティ水準を維持しつつ利便性と効率性を高めた方式で再構築",
     "令和5年度から、現在の情報セキュリティレベルを維持しながら利便性や効率性も向上させた次期KSCを運用開始する。",
     "参加団体の要望と国のセキュリティ対策の見直しに対応するため。",
     "令和4年度に参加団体・次期KSC事業者との三者協定を締結する。", ["policy"], ["KSC-NEXT"], None),
    ("3-1", "RPA・AI-OCRの利用拡大", AgendaKind.DECISION, Decision.Status.AGREED,
     "RPAは令和3年度末で累計39業務に導入。手書きの届出等の入力作業が残り、RPAの効果を妨げている。",
     "A RPAのみ拡大\nB AI-OCRを導入しRPAと組み合わせて拡大",
     "AI-OCRサービスを利用し、RPAと組み合わせて導入業務・帳票を拡大する。",
     "手書き帳票のデータ化を自動化すると、RPAを適用できる業務が広がるため。",
     "各局にAI-OCRの対象帳票を照会する。", ["policy"], [], "1-2"),
    ("3-2", "収入証紙の廃止とキャッシュレス化", AgendaKind.DECISION, Decision.Status.AGREED,
     "前回の論点整理（条例改正、販売所との調整、経過措置）を踏まえて再協議した。",
     "A 収入証紙を廃止しキャッシュレス決済に移行\nB 収入証紙を存続しキャッシュレス決済を併用",
     "手数料等の収納について、課題を整理したうえで収入証紙を廃止し、キャッシュレス決済を導入する。",
     "併用では販売・管理の経費が残り、県民の利便性も十分に高まらないため。",
     "会計課が廃止までの工程と条例改正の論点を取りまとめる。", ["accounting"], ["CASHLESS"], "2-2"),
    ("3-3", "神奈川県デジタル人材育成方針", AgendaKind.REPORT, Decision.Status.AGREED,
     "県のDXを牽引する職員の育成が課題となっている。", "",
     "事業系デジタル人材とICT系デジタル人材を育成する「神奈川県デジタル人材育成方針」（令和4年3月策定）を共有した。",
     "", "各局は研修への参加者を推薦する。", ["policy"], [], None),
    ("3-4", "企業局における現場業務の遠隔化", AgendaKind.REPORT, Decision.Status.AGREED,
     "企業局は相模発電所のスマート保安システムで遠隔化を検証している。", "",
     "令和4年度から、クラウドを活用した水質監視とウェアラブルカメラによる遠隔臨場を進めることを共有した。",
     "", "取組の効果を次年度に報告する。", ["public-enterprise"], ["WATER-REMOTE", "WATER-QUALITY-CLOUD", "SAGAMI-SMART"], None),
    ("4-1", "電子契約の導入", AgendaKind.DECISION, Decision.Status.AGREED,
     "令和4年1月から5月までの実証実験で、事務の効率化と事業者の負担軽減を確認した。",
     "A 全契約で一斉導入\nB 体制を整えた上で、事業者に十分説明して導入",
     "電子署名を行う権限とセキュリティ対策を定め、契約相手方となる事業者に十分な説明を行った上で電子契約の導入を推進する。",
     "実証で、権限の整理と事業者への周知が課題として明らかになったため。",
     "契約課が事業者向けの説明資料と庁内の運用要領を作成する。", ["general-affairs"], ["E-CONTRACT"], "2-1"),
    ("4-2", "電子決裁率100%に向けた取組", AgendaKind.DECISION, Decision.Status.AGREED,
     "電子決裁率は全庁平均で92.7%（令和4年8月末）に達したが、所属によって差がある。", "",
     "引き続き電子決裁率100%を目指し、紙決裁が残る所属の理由を把握して個別に解消する。",
     "残る紙決裁は特定の所属と文書に偏っており、個別の対応が効果的なため。",
     "文書課が所属別の電子決裁率を毎月公表する。", ["general-affairs"], ["DOC-EAPPROVAL"], "1-3"),
    ("4-3", "次期KSCへの移行", AgendaKind.REPORT, Decision.Status.AGREED,
     "次期KSCは令和5年度に運用開始予定。", "",
     "次期KSCの利用に係る参加団体及び次期KSC事業者との三者協定書を締結し、着実な移行に向けて参加団体との調整を進めることを共有した。",
     "", "", ["policy"], ["KSC-NEXT"], None),
    ("4-4", "行政機関窓口における手数料等のキャッシュレス化", AgendaKind.CONSULTATION, Decision.Status.PROPOSED,
     "行政機関窓口の手数料等は決済件数に関わらずキャッシュレス化する予定。",
     "A 全窓口で同一の決済手段\nB 決済件数の多少により決済手段を選択",
     "利便性を考慮し、決済件数の多少により決済手段を検討する。", "", "", ["accounting"], ["CASHLESS"], None),
]

# decision, title, owner division, due on, status, completed on, completion note (as of 2022-10-04)
ACTION_ITEMS = [
    ("1-1", "導入4施設の利用状況の報告", "treasury", D(2022, 4, 28), ActionItem.Status.DONE, D(2022, 4, 25),
     "令和4年3月から4施設で利用開始。利用状況を取りまとめて報告した。"),
    ("1-3", "紙決裁が残る所属の理由の把握", "documents", D(2021, 12, 24), ActionItem.Status.DONE, D(2021, 12, 20),
     "全所属に照会し、紙決裁が残る理由を類型別に整理した。"),
    ("2-1", "電子契約の実証実験結果の取りまとめ", "contracts", D(2022, 6, 30), ActionItem.Status.DONE, D(2022, 6, 24),
     "実証に参加した事業者へのアンケートを含めて結果を取りまとめた。"),
    ("2-3", "次期KSCの参加団体への説明会", "dx-office", D(2022, 3, 31), ActionItem.Status.DONE, D(2022, 3, 18),
     "参加団体向けに説明会を開催し、移行スケジュールを説明した。"),
    ("3-1", "AI-OCRの対象帳票の各局照会", "dx-office", D(2022, 8, 31), ActionItem.Status.IN_PROGRESS, None, ""),
    ("3-2", "収入証紙の廃止に伴う条例改正の論点整理", "treasury", D(2022, 9, 30), ActionItem.Status.IN_PROGRESS, None, ""),
    ("3-3", "デジタル人材研修の年間計画の策定", "dx-office", D(2022, 5, 31), ActionItem.Status.DONE, D(2022, 5, 27),
     "事業系・ICT系の研修計画を策定し、各局に周知した。"),
    ("3-4", "ウェアラブルカメラによる遠隔臨場の効果報告", "water", D(2022, 9, 16), ActionItem.Status.OPEN, None, ""),
    ("4-1", "事業者向け説明資料と庁内運用要領の作成", "contracts", D(2022, 11, 30), ActionItem.Status.OPEN, None, ""),
    ("4-2", "所属別の電子決裁率の公表", "documents", D(2022, 10, 31), ActionItem.Status.IN_PROGRESS, None, ""),
    ("4-3", "参加団体・次期KSC事業者との三者協定書の締結", "dx-office", D(2022, 12, 28), ActionItem.Status.OPEN, None, ""),
]

DX_STATUS_AS_OF = D(2022, 9, 30)
DX_NOTES = {
    MunicipalDxStatus.FocusArea.STANDARDISATION: "令和7年度までの標準準拠システムへの移行に向け、移行計画を作成中。",
    MunicipalDxStatus.FocusArea.MY_NUMBER_CARD: "休日・出張申請受付を実施。",
    MunicipalDxStatus.FocusArea.ONLINE_PROCEDURES: "電子自治体共同運営サービスの電子申請システムを活用。",
    MunicipalDxStatus.FocusArea.AI_RPA: "",
    MunicipalDxStatus.FocusArea.TELEWORK: "",
    MunicipalDxStatus.FocusArea.SECURITY: "神奈川情報セキュリティクラウドに参加。次期KSCへの移行を調整中。",
}
# How far each kind of municipality and each focus area tends to be (added up, then mapped to a status).
KIND_LEAD = {"designated_city": 3, "city": 1, "town": 0, "village": 0}
AREA_LEAD = {
    MunicipalDxStatus.FocusArea.STANDARDISATION: 0,
    MunicipalDxStatus.FocusArea.MY_NUMBER_CARD: 3,
    MunicipalDxStatus.FocusArea.ONLINE_PROCEDURES: 2,
    MunicipalDxStatus.FocusArea.AI_RPA: 1,
    MunicipalDxStatus.FocusArea.TELEWORK: 1,
    MunicipalDxStatus.FocusArea.SECURITY: 3,
}


def _status_for(index: int, kind: str, area: str) -> str:
    """A deterministic, plausible spread: cities and urgent areas further on, some variety between neighbours."""
    score = KIND_LEAD[kind] + AREA_LEAD[area] + (index * 5 + len(area)) % 4
    if score <= 1:
        return MunicipalDxStatus.Status.NOT_STARTED
    if score <= 3:
        return MunicipalDxStatus.Status.PLANNING
    if score <= 6:
        return MunicipalDxStatus.Status.IN_PROGRESS
    return MunicipalDxStatus.Status.DONE


# Disclosure (情報公開): the council's records are public; the committee's are, but for what is still being decided
# (審議・検討等情報): the latest meeting's minutes, the decisions not agreed, and 4-1 under embargo until the
# contracts' briefing to businesses (公開 from 20 October).
WITHHELD_DECISIONS = {"2-2", "4-4"}
EMBARGOED = {"4-1": D(2022, 10, 20)}
LATEST_MEETING = 4


def _forward(actor) -> None:
    """The 担当者会議's issues of standardisation went on to the July plenary, which heard them (as the source says)."""
    working = CouncilMeeting.objects.get(kind=CouncilMeeting.Kind.WORKING, number=1)
    plenary = CouncilMeeting.objects.get(kind=CouncilMeeting.Kind.PLENARY, number=2)
    _put(ForwardedItem, {"from_council_meeting": working, "title": "標準化・共通化の課題の整理"}, {
        "to_meeting": plenary, "outcome": ForwardedItem.Outcome.REPORTED,
        "outcome_note": "担当者会議で整理した課題を報告した。移行計画の策定とベンダー調整を共通課題として確認した。",
    }, actor)


def _classify(story: Story, actor) -> None:
    public = {"disclosure": Disclosure.PUBLIC, "withholding_ground": ""}
    withheld = {"disclosure": Disclosure.WITHHELD, "withholding_ground": WithholdingGround.DELIBERATION}
    minutes_public = {"minutes_disclosure": Disclosure.PUBLIC, "minutes_withholding_ground": ""}
    for meeting in CouncilMeeting.objects.all():
        _put(CouncilMeeting, {"pk": meeting.pk}, {**public, **minutes_public}, actor)
    for meeting in CommitteeMeeting.objects.all():
        minutes = minutes_public if meeting.number != LATEST_MEETING else {
            "minutes_disclosure": Disclosure.WITHHELD, "minutes_withholding_ground": WithholdingGround.DELIBERATION
        }
        _put(CommitteeMeeting, {"pk": meeting.pk}, {**public, **minutes}, actor)
        for item in meeting.agenda_items.all():
            _put(AgendaItem, {"pk": item.pk}, public, None)
    for decision in Decision.objects.all():
        values = withheld if decision.reference in WITHHELD_DECISIONS else public
        _put(Decision, {"pk": decision.pk}, {**values, "embargo_until": story.on(EMBARGOED.get(decision.reference))}, actor)


def _committee_titles(held: list[datetime.date]) -> list[str]:
    """令和N年度第M回ステアリング・コミッティ: numbered within the fiscal year each meeting falls in."""
    titles = []
    for fiscal_year, days in groupby(held, key=fiscal_year_of):
        titles += [f"{fiscal_year_name(fiscal_year)}第{n}回ステアリング・コミッティ" for n, _ in enumerate(days, start=1)]
    return titles


def _projects(codes: list[str]) -> list:
    """The demo projects with these codes; those missing (projects.demo did not run) are skipped."""
    return list(Project.objects.filter(code__in=codes))


def loaded_as_of() -> datetime.date | None:
    """The day the bodies' records in the database were replayed for (None when there are none)."""
    as_of = MunicipalDxStatus.objects.values_list("as_of", flat=True).first()
    return None if as_of is None else SOURCE_DATE + (as_of - DX_STATUS_AS_OF)


def clear() -> None:
    """The dated records of the bodies, with their history: for a replay on another day."""
    ForwardedItem.objects.all().delete()  # first: it holds on to the meetings and agenda items it links
    ActionItem.objects.all().delete()
    Decision.objects.update(supersedes=None)
    Decision.objects.all().delete()
    AgendaItem.objects.all().delete()
    CommitteeMeeting.objects.all().delete()
    CouncilMeeting.objects.all().delete()
    MunicipalDxStatus.objects.all().delete()
    for model in (ActionItem, Decision, CommitteeMeeting, CouncilMeeting, MunicipalDxStatus, ForwardedItem):
        model.history.all().delete()


def load(out, story: Story) -> None:
    User = get_user_model()
    secretariat = User.objects.filter(username="pmo").first()
    members = list(User.objects.filter(username__in=["cio", "director"]))

    prefecture, *municipalities = (
        _put(Municipality, {"code": code}, {"name": name, "kana": kana, "kind": kind}, None)
        for code, name, kana, kind in [PREFECTURE, *(tuple(row.values()) for row in MUNICIPALITIES)]
    )

    for kind, number, held_on, title, agenda, minutes, follow_ups, absent in COUNCIL_MEETINGS:
        meeting = _put(
            CouncilMeeting, {"kind": kind, "number": number},
            {"held_on": story.on_business_day(held_on), "title": title, "agenda": agenda, "minutes": minutes,
             "follow_ups": follow_ups},
            secretariat,
        )
        meeting.attendees.set([prefecture, *(m for m in municipalities if m.code not in absent)])

    for index, municipality in enumerate(municipalities):
        for area in MunicipalDxStatus.FocusArea.values:
            _put(
                MunicipalDxStatus, {"municipality": municipality, "focus_area": area},
                {"status": _status_for(index, municipality.kind, area), "note": DX_NOTES[area],
                 "as_of": story.on(DX_STATUS_AS_OF)},
                secretariat,
            )

    divisions = {d.code: d for d in Division.objects.all()}
    meetings = {}
    held = [story.on_business_day(row[1]) for row in COMMITTEE_MEETINGS]
    for (number, _, agenda, minutes), held_on, title in zip(COMMITTEE_MEETINGS, held, _committee_titles(held), strict=True):
        meeting = _put(
            CommitteeMeeting, {"number": number}, {"held_on": held_on, "title": title, "minutes": minutes}, secretariat
        )
        meeting.attendees.set(members)
        for order, (item_title, item_kind, presenter) in enumerate(agenda, start=1):
            _put(AgendaItem, {"meeting": meeting, "order": order},
                 {"title": item_title, "kind": item_kind, "presenter": divisions.get(presenter)}, None)
        meetings[number] = meeting

    decisions: dict[str, Decision] = {}
    superseded = {row[-1] for row in DECISIONS if row[-1]}
    for (reference, title, kind, status, context, options, text, rationale, consequences,
         bureaus, project_keys, supersedes) in DECISIONS:
        number, sequence = (int(part) for part in reference.split("-"))
        decision = _put(Decision, {"reference": reference}, {
            "meeting": meetings[number], "sequence": sequence, "title": title, "kind": kind,
            "status": Decision.Status.SUPERSEDED if reference in superseded else status,
            "context": context, "options": options, "decision_text": text, "rationale": rationale,
            "consequences": consequences, "supersedes": decisions.get(supersedes),
        }, secretariat)
        decision.agreed_by.set(members if status == Decision.Status.AGREED else [])
        decision.bureaus.set(Bureau.objects.filter(code__in=bureaus))
        decision.related_projects.set(_projects(project_keys))
        decisions[reference] = decision

    for reference, title, division, due_on, status, completed_on, note in ACTION_ITEMS:
        if division not in divisions:
            continue
        _put(ActionItem, {"decision": decisions[reference], "title": title}, {
            "owner_division": divisions[division], "due_on": story.on_business_day(due_on), "status": status,
            "completed_on": story.on_business_day(completed_on), "completion_note": note,
        }, secretariat)

    _classify(story, secretariat)
    _forward(secretariat)
    out.write(
        f"Governance bodies: {len(municipalities)} municipalities and the prefecture, {len(COUNCIL_MEETINGS)} council "
        f"meetings, {len(COMMITTEE_MEETINGS)} steering-committee meetings, {len(DECISIONS)} decisions, "
        f"{len(ACTION_ITEMS)} action items"
    )
