"""Demo projects: the large systems of the source document, as the PMO saw them on 令和4年10月4日.

The dates below are the source's; ``story`` moves them all to the day the demo is loaded (dx_portal.demo).
Twelve monthly reports, from October 2021, for the projects running then; from April 2022 for the others.
Everything is written through the services (so the history says who did what), dated as it would
have happened, and only when missing: a second run changes nothing. Divisions with a demo user
(``staff`` in デジタル戦略本部室, ``staff2`` in 水道施設課) file their own reports; for the others the
PMO files what it heard in its monthly hearing. デジタル戦略本部室's reports wait for its 所属長 (``manager``).

Replayed on another day, a project meant to be due, overdue or escalated that morning (``state``) has its
reports moved back to the month end that makes it so on the load day: due dates are anchored to period
ends (projects.schedule), so a shift by days alone would leave it current on some days of the month.
"""

import datetime
from contextlib import contextmanager
from dataclasses import dataclass, field

from dateutil.relativedelta import relativedelta
from django.contrib.auth import get_user_model
from django.utils import timezone

from dx_portal.demo import SOURCE_DATE, Story
from kpis.models import PlanItem
from organisation.models import Division, Notification

from . import services
from .models import Finding, Health, Milestone, PmoDigest, Project, ProjectIssue, Reminder, ReportState, StatusReport
from .schedule import period_end

# The portal's first month: a project is registered then, or on its planned start if later.
PORTAL_OPENED = datetime.date(2021, 10, 1)
# Month-end as-of dates of the reports: October 2021 to March 2022 (``before``), then FY2022 up to the snapshot.
EARLIER = [datetime.date(2021, 10, 31), datetime.date(2021, 11, 30), datetime.date(2021, 12, 31), datetime.date(2022, 1, 31),
           datetime.date(2022, 2, 28), datetime.date(2022, 3, 31)]
MONTHS = [datetime.date(2022, 4, 30), datetime.date(2022, 5, 31), datetime.date(2022, 6, 30), datetime.date(2022, 7, 31),
          datetime.date(2022, 8, 31), datetime.date(2022, 9, 30)]
REPORTERS = {"dx-office": "staff", "water": "staff2"}
# The issues `staff` owns by name (担当): what the demo's transfer of 2023-04-01 leaves to hand over.
STAFF_NAME = "横浜 花子"
HEALTH = {"G": Health.GREEN, "Y": Health.YELLOW, "R": Health.RED}
LAG = {Health.GREEN: 0, Health.YELLOW: 6, Health.RED: 14}
SUMMARY = {
    Health.GREEN: "計画どおり進捗している。",
    Health.YELLOW: "一部の作業に遅れが生じているが、挽回策を講じている。",
    Health.RED: "主要な作業が遅延しており、スケジュールの見直しを検討している。",
}
NEXT_STEPS = "次月も工程表に沿って作業を進め、課題の対応状況を報告する。"
D = datetime.date
# What became of a report after it was filed, besides approval where required (see DemoProject.fates).
AWAITING, RETURNED, AMENDED, WITHDRAWN = "awaiting", "returned", "amended", "withdrawn"


@dataclass
class DemoProject:
    """One project of the demo and what was logged about it."""

    code: str
    name: str
    name_en: str
    division: str
    phase: str
    planned_start: datetime.date
    planned_end: datetime.date
    budget_yen: int
    actual_cost_yen: int
    description: str
    # One letter per month from April (G/Y/R, '.' for no report); a short string is a project gone quiet.
    health: str
    before: str = ""  # the same, October 2021 to March 2022, for projects running then
    progress: tuple[int, int] = (0, 50)  # planned % in April and in September
    cadence: str = Project.Cadence.MONTHLY
    weak: tuple[str, ...] = ()  # parts that follow the overall rating (schedule if none); the rest stay green
    notes: dict[int, str] = field(default_factory=dict)  # month index -> summary
    reviews: dict[int, tuple[str, str]] = field(default_factory=dict)  # month index -> (PMO letter, comment)
    issues: list[dict] = field(default_factory=list)
    findings: list[dict] = field(default_factory=list)
    milestones: list[tuple] = field(default_factory=list)  # (name, planned, forecast, actual)
    # Month index -> (AWAITING | RETURNED | AMENDED | WITHDRAWN, the return comment or the reason).
    fates: dict[int, tuple[str, str]] = field(default_factory=dict)
    # The report state on any load day, the first of these that a month end gives, else the story's own
    # (see _lag). Due and overdue never overlap for projects on one schedule, so the due and overdue ones
    # differ in theirs.
    state: tuple[str, ...] = ()
    report_business_days: int = 5
    grace_days: int = 7

    @property
    def last_submitted(self) -> int:
        """Month index of the latest report that counts (submitted, whatever PMO made of it)."""
        pending = {index for index, (fate, _) in self.fates.items() if fate != AMENDED}
        return max(index for index, letter in enumerate(self.health) if letter != "." and index not in pending)


PROJECTS = [
    DemoProject(
        code="EKANAGAWA-EAPP", name="e-kanagawa 電子申請 手続拡充", name_en="e-kanagawa online applications: more procedures",
        division="dx-office", phase=Project.Phase.DEVELOPMENT, planned_start=D(2022, 4, 1), planned_end=D(2023, 3, 31),
        budget_yen=186_000_000, actual_cost_yen=82_450_000, progress=(8, 55),
        description="新規の行政手続は原則オンライン化し、既存手続は添付書類の簡素化や押印の廃止など業務プロセスを見直す。"
                    "年間取扱件数1,000件以上の手続を優先してオンライン化する（令和4年7月末 367手続）。",
        health="GGGGGG", fates={5: (AWAITING, "")}, state=(ReportState.DUE,),
        notes={3: "令和4年7月末で367手続をオンライン化。年間1,000件以上の手続を優先して移行を進めている。",
               5: "電子申請案内ちらしの配布と県ウェブサイトへの2次元バーコード掲載を全窓口で開始した。"},
        reviews={4: ("G", "進捗・品質とも問題なし。")},
        issues=[dict(kind="risk", title="手数料を伴う手続の決済手段の拡大", severity="medium", status="in_progress",
                     owner="電子申請担当", raised_on=D(2022, 6, 10), due_on=D(2022, 12, 28), likelihood=2, impact=3,
                     description="オンライン化対象のうち手数料を伴う手続は、決済手段の拡大と合わせて移行する必要がある。")],
        findings=[dict(category="quality", title="オンライン利用率の測定方法", written_on=D(2022, 7, 5),
                       response_due_on=D(2022, 7, 29), severity="low",
                       body="手続数だけでなく、手続ごとのオンライン利用率を継続的に測定し、報告に含めること。",
                       answer="国の調査様式に合わせて手続ごとの利用率を四半期ごとに集計し、報告に添付します。",
                       answered_on=D(2022, 7, 22), closed_on=D(2022, 8, 5))],
        milestones=[("年間1,000件以上の手続の移行完了", D(2022, 9, 30), None, D(2022, 9, 28)),
                    ("令和4年度移行対象の全手続の公開", D(2023, 3, 31), None, None)],
    ),
    DemoProject(
        code="DATA-PLATFORM", name="データ統合・分析基盤の整備", name_en="Data integration and analysis platform",
        division="dx-office", phase=Project.Phase.DEVELOPMENT, planned_start=D(2021, 10, 1), planned_end=D(2024, 3, 31),
        budget_yen=420_000_000, actual_cost_yen=166_800_000, progress=(35, 58), weak=("scope",),
        description="県庁内外に散在するデータを収集・統合し、EBPMや官民データの連携に活用する。新型コロナウイルス感染症対策で"
                    "先行導入し、県と市町村での共同利用に向けて有識者等による検討会を実施、防災分野で市町村との実証事業を行う。",
        health="GGGYYY",
        before="GGGGGG",
        notes={3: "共同利用における個人情報の扱い等のルール策定が有識者検討会で継続審議となった。",
               5: "防災分野の実証事業は2市と開始。共同利用ルールは次回検討会で素案を提示する予定。"},
        reviews={4: ("R", "共同利用ルールが未確定のまま市町村との実証が先行しており、スコープと工程の見直しが必要。")},
        issues=[dict(kind="risk", title="共同利用ルール（個人情報の扱い）の策定遅れ", severity="high", status="open",
                     owner=STAFF_NAME, raised_on=D(2022, 7, 20), due_on=D(2022, 11, 30), likelihood=4, impact=4,
                     description="有識者検討会での審議が長引いており、市町村の参加判断に影響するおそれがある。"),
                dict(kind="issue", title="防災分野実証のデータ項目の確定", severity="medium", status="in_progress",
                     owner=STAFF_NAME, raised_on=D(2022, 8, 25), due_on=D(2022, 10, 31),
                     description="参加市とのデータ項目（避難所・被害情報）の定義合わせが残っている。")],
        findings=[dict(category="governance", title="共同利用ルール策定の工程表", written_on=D(2022, 9, 9),
                       response_due_on=D(2022, 9, 30), severity="high",
                       body="個人情報の取扱いルールの策定と市町村の参加判断の工程を一つの工程表にまとめ、実証の範囲との関係を示すこと。")],
        milestones=[("共同利用ルール素案の提示", D(2022, 9, 30), D(2022, 11, 25), None),
                    ("防災分野実証の開始", D(2022, 9, 1), None, D(2022, 9, 12)),
                    ("市町村共同利用の開始", D(2023, 10, 1), D(2024, 1, 4), None)],
    ),
    DemoProject(
        code="KSC-NEXT", name="次期神奈川情報セキュリティクラウドの構築", name_en="Next Kanagawa Information Security Cloud",
        division="dx-office", phase=Project.Phase.TESTING, planned_start=D(2022, 4, 1), planned_end=D(2023, 3, 31),
        budget_yen=980_000_000, actual_cost_yen=512_300_000, progress=(10, 62), weak=("schedule",),
        description="県と県域市町村等のインターネット接続口を1か所に集約する神奈川情報セキュリティクラウドを更新し、"
                    "令和5年度から現在の情報セキュリティレベルを維持しながら利便性や効率性も向上させた次期KSCを運用開始する。",
        health="GGYYYY",
        notes={2: "参加団体・次期KSC事業者との三者協定書の調整に時間を要している。",
               4: "三者協定書を8月26日に締結した。参加団体ごとの移行日程の調整に着手した。",
               5: "接続試験の準備を進めている。移行日程が未確定の参加団体が6団体ある。"},
        reviews={4: ("Y", "協定締結の遅れは接続試験の準備期間で吸収できる見込み。移行日程の確定を優先すること。"),
                 5: ("Y", "")},
        fates={5: (AMENDED, "実績進捗率の欄に計画進捗率を入力していたため修正。")},
        issues=[dict(kind="issue", title="参加団体との移行日程調整", severity="high", status="in_progress",
                     owner="セキュリティクラウド担当", raised_on=D(2022, 8, 29), due_on=D(2022, 10, 31),
                     description="33市町村等のうち6団体の移行日程が未確定。"),
                dict(kind="issue", title="三者協定書の締結", severity="medium", status="resolved",
                     owner="セキュリティクラウド担当", raised_on=D(2022, 6, 15), resolved_on=D(2022, 8, 26),
                     due_on=D(2022, 7, 29),
                     description="参加団体・事業者との協議に時間を要した。")],
        findings=[dict(category="schedule", title="移行判定基準の明確化", written_on=D(2022, 9, 2),
                       response_due_on=D(2022, 9, 22), severity="medium",
                       body="参加団体ごとの切替の可否を判断する基準（接続試験の合格条件、切戻し手順）を明確にすること。",
                       answer="接続試験の合格条件と切戻し手順を移行計画書第2版に追記し、9月20日の担当者会議で説明しました。",
                       answered_on=D(2022, 9, 20))],
        milestones=[("三者協定書の締結", D(2022, 7, 29), None, D(2022, 8, 26)),
                    ("参加団体の移行日程確定", D(2022, 9, 30), None, None),
                    ("参加団体との接続試験完了", D(2022, 11, 30), D(2022, 12, 23), None),
                    ("本番移行", D(2023, 3, 1), D(2023, 3, 15), None),
                    ("次期KSC運用開始", D(2023, 4, 1), None, None)],
    ),
    DemoProject(
        code="COMPUTER-CENTER", name="コンピュータセンターのサーバ集約基盤更新",
        name_en="Computer centre: server consolidation platform",
        division="dx-office", phase=Project.Phase.OPERATION, planned_start=D(2022, 4, 1), planned_end=D(2025, 3, 31),
        budget_yen=650_000_000, actual_cost_yen=140_000_000, cadence=Project.Cadence.QUARTERLY, progress=(5, 20),
        description="災害に強い民間データセンター内のコンピュータセンターで、最新の仮想化技術を活用したサーバ集約基盤を"
                    "更新し、安全かつ安定・効率的なシステム基盤を提供する。",
        health="..G..G",
        notes={2: "第1四半期の稼働率は99.99%。仮想化基盤の更新計画を策定した。",
               5: "第2四半期の稼働率は99.98%。更新対象機器の調達仕様を確定した。"},
        milestones=[("更新機器の調達契約", D(2022, 12, 20), None, None)],
    ),
    DemoProject(
        code="COMMON-PC", name="共通利用パソコンのモバイル化", name_en="Common-use PCs: mobile devices",
        division="dx-office", phase=Project.Phase.OPERATION, planned_start=D(2018, 4, 1), planned_end=D(2023, 3, 31),
        budget_yen=2_480_000_000, actual_cost_yen=2_395_000_000, progress=(96, 99),
        description="平成30年度より順次、職員が利用するパソコンのモバイル化を進め、令和4年2月末に完了した（13,323台）。"
                    "運用状況と残る課題を報告する。",
        health="GGGGG",
        before="GGYYGG",
        notes={3: "13,323台のモバイル化は完了。リモートアクセス回線の増強を検討している。"},
        fates={4: (RETURNED, "リモートアクセス回線の8月の使用率（朝の最大値）を追記してから提出してください。")},
        state=(ReportState.OVERDUE, ReportState.DUE),
        issues=[dict(kind="risk", title="テレワーク時のリモートアクセス回線の逼迫", severity="medium", status="open",
                     owner="庁内ネットワーク担当", raised_on=D(2022, 7, 11), due_on=D(2022, 12, 28), likelihood=3, impact=3,
                     description="在宅勤務の増加で朝の接続が集中し、回線使用率が上限に近づいている。")],
    ),
    DemoProject(
        code="DOC-EAPPROVAL", name="行政文書管理システム（電子決裁）の機能改善", name_en="Document management and e-approval",
        division="documents", phase=Project.Phase.DEVELOPMENT, planned_start=D(2022, 4, 1), planned_end=D(2023, 3, 31),
        budget_yen=95_000_000, actual_cost_yen=41_200_000, progress=(10, 55),
        description="平成30年4月に導入した行政文書管理システムで電子決裁を原則とし、電子決裁率100%を目指して"
                    "紙決裁が残る業務の電子化と機能改善を行う（全庁平均92.7%、令和4年8月末）。",
        health="GGGGYG",
        notes={4: "添付書類の大容量化への対応で改修範囲が増えた。",
               5: "電子決裁率は全庁平均92.7%（8月末）。大容量添付の改修は設計を完了した。"},
        reviews={4: ("Y", "")},
        findings=[dict(category="scope", title="紙決裁が残る理由の分析", written_on=D(2022, 9, 12),
                       response_due_on=D(2022, 10, 14), severity="medium",
                       body="電子決裁率100%に向けて、紙決裁が残る所属と理由（外部機関との様式、図面等）を分析し、対応方針を示すこと。")],
    ),
    DemoProject(
        code="E-CONTRACT", name="電子契約の導入", name_en="Electronic contracts",
        division="contracts", phase=Project.Phase.REQUIREMENTS, planned_start=D(2022, 1, 1), planned_end=D(2023, 9, 30),
        budget_yen=58_000_000, actual_cost_yen=9_800_000, progress=(20, 40), weak=("scope",),
        description="令和4年1月から5月まで実証実験を実施。電子署名を行う権限、セキュリティ対策などを検討し、"
                    "契約相手方となる事業者にも十分な説明を行った上で導入を推進する。",
        health="GYY", state=(ReportState.ESCALATED,),
        before="...GGG",
        notes={1: "実証実験を5月に終了。電子署名を行う権限の整理に時間を要している。"},
        reviews={2: ("R", "電子署名の権限規程の改正時期が定まらず、要件定義が止まっている。")},
        issues=[dict(kind="issue", title="電子署名を行う権限の規程整備", severity="high", status="open", owner="契約制度担当",
                     raised_on=D(2022, 6, 1), due_on=D(2022, 9, 30),
                     description="専決規程との関係整理が必要。")],
        milestones=[("要件定義完了", D(2022, 9, 30), D(2022, 12, 28), None)],
    ),
    DemoProject(
        code="CASHLESS", name="公金収納のキャッシュレス化", name_en="Cashless payment of fees and charges",
        division="treasury", phase=Project.Phase.DEVELOPMENT, planned_start=D(2021, 4, 1), planned_end=D(2024, 3, 31),
        budget_yen=240_000_000, actual_cost_yen=121_500_000, progress=(40, 60), weak=("cost",),
        description="県民利用施設の使用料、行政機関窓口の手数料、納付書による納付のキャッシュレス化を推進する。"
                    "令和3年度に県直営の4施設、令和4年度にかながわ労働プラザ、武道館、愛川ふれあいの村、西湘スポーツセンターに導入。",
        health="GGGYYY",
        before="GGYYGG",
        notes={3: "武道館（7月）に導入。年間1,000件未満の施設は決済手数料が割高となり、費用対効果の整理が必要。",
               4: "愛川ふれあいの村、西湘スポーツセンター（8月）に導入。"},
        issues=[dict(kind="risk", title="小規模施設の決済手数料負担", severity="medium", status="open", owner="収納担当",
                     raised_on=D(2022, 7, 25), due_on=D(2022, 11, 30), likelihood=4, impact=2,
                     description="年間1,000件未満の施設では決済手数料と端末費用が収入に比べて割高になる。")],
        milestones=[("令和4年度対象施設への導入", D(2022, 8, 31), None, D(2022, 8, 31)),
                    ("行政機関窓口への導入", D(2023, 1, 31), D(2023, 3, 31), None)],
    ),
    DemoProject(
        code="MEBYO-KARTE", name="マイME-BYOカルテの機能拡充", name_en="My ME-BYO Karte: new links",
        division="healthcare-ict", phase=Project.Phase.OPERATION, planned_start=D(2022, 4, 1), planned_end=D(2023, 3, 31),
        budget_yen=72_000_000, actual_cost_yen=30_600_000, progress=(10, 50),
        description="県民自らが健康情報を一元的に管理するアプリ「マイME-BYOカルテ」を運用し、電子母子手帳などの民間アプリや"
                    "国のマイナポータルとの連携で健康情報の収集・蓄積と利活用を推進する（登録者1,314,563人、令和4年9月12日）。",
        health="GGGGGG",
        notes={5: "登録者は1,314,563人（9月12日）。マイナポータル連携の改修を予定どおり進めている。"},
    ),
    DemoProject(
        code="EDU-NETWORK", name="教育委員会ネットワーク基盤の整備", name_en="Board of Education network platform",
        division="education-ict", phase=Project.Phase.MIGRATION, planned_start=D(2021, 10, 1), planned_end=D(2023, 3, 31),
        budget_yen=540_000_000, actual_cost_yen=398_000_000, progress=(55, 85), weak=("schedule", "quality"),
        description="県立学校等の教育機関が利用する教育委員会ネットワークで、情報機器の安定利用と情報セキュリティの向上を図り、"
                    "既存サーバの一部をクラウドに移行する。",
        health="GYYRRR",
        before="GGGGGG",
        notes={3: "サーバのクラウド移行で、校務系アプリケーションの一部が動作検証で不具合となった。",
               5: "移行第2陣を延期。不具合の原因調査を事業者と進めている。"},
        reviews={3: ("R", "動作検証の不具合が移行計画全体に影響する。切戻し計画を準備すること。"), 5: ("R", "")},
        issues=[dict(kind="issue", title="校務系アプリケーションのクラウド上での動作不具合", severity="critical",
                     status="in_progress", owner="ネットワーク担当", raised_on=D(2022, 7, 14), due_on=D(2022, 10, 14),
                     description="認証連携の設定差異が原因と見られる。"),
                dict(kind="risk", title="年度内の移行完了", severity="high", status="open", owner="ネットワーク担当",
                     raised_on=D(2022, 8, 30), due_on=D(2022, 12, 28), likelihood=4, impact=5,
                     description="第2陣の延期により、第3陣が入試期間と重なるおそれがある。")],
        findings=[dict(category="quality", title="移行の切戻し計画", written_on=D(2022, 8, 10),
                       response_due_on=D(2022, 10, 7), severity="high",
                       body="移行後に不具合が出た場合の切戻し手順と判断基準を定め、学校への周知方法を示すこと。")],
        milestones=[("移行第1陣（本庁系サーバ）", D(2022, 7, 1), None, D(2022, 7, 4)),
                    ("移行第2陣（校務系サーバ）", D(2022, 9, 20), D(2022, 11, 21), None),
                    ("移行第3陣（学校系サーバ）", D(2023, 1, 16), D(2023, 2, 27), None)],
    ),
    DemoProject(
        code="SCHOOL-WLAN", name="県立学校の校内無線LAN整備", name_en="Wireless LAN in prefectural schools",
        division="education-ict", phase=Project.Phase.DEVELOPMENT, planned_start=D(2021, 4, 1), planned_end=D(2023, 3, 31),
        budget_yen=1_150_000_000, actual_cost_yen=860_000_000, progress=(60, 82),
        description="国のGIGAスクール構想によりタブレット型端末の利用など教育活動でのネットワーク利用が常態化する中、"
                    "その基盤となる校内無線LANを整備する。",
        # Due later in the month than COMMON-PC, so that one of the two is overdue on any day.
        health="GGGG", state=(ReportState.OVERDUE, ReportState.DUE), report_business_days=15,
        before="YYRYGG",
        notes={3: "第2期の整備校のうち9割で工事を完了した。"},
    ),
    DemoProject(
        code="SAGAMI-SMART", name="相模発電所スマート保安システム", name_en="Sagami power plant smart maintenance",
        division="power", phase=Project.Phase.TESTING, planned_start=D(2021, 4, 1), planned_end=D(2023, 3, 31),
        budget_yen=310_000_000, actual_cost_yen=205_000_000, progress=(50, 75),
        description="令和3年度から相模発電所に設備の状態信号等を遠隔で収集・解析できるスマート保安システムを導入し、"
                    "遠隔化の検証を実施する。",
        health="GGGGGG",
        before="GGGGGG",
        notes={5: "遠隔監視の検証で、巡視点検の一部を遠隔に置き換えられる見通しを得た。"},
        milestones=[("遠隔化検証の中間評価", D(2022, 9, 30), None, D(2022, 9, 29))],
    ),
    DemoProject(
        code="WATER-QUALITY-CLOUD", name="クラウドサービスを活用した水質監視体制の強化",
        name_en="Cloud-based water quality monitoring", division="water", phase=Project.Phase.DEVELOPMENT,
        planned_start=D(2022, 4, 1), planned_end=D(2023, 9, 30), budget_yen=265_000_000, actual_cost_yen=88_000_000,
        progress=(5, 40), weak=("schedule",),
        description="令和4年度から、浄水場・配水池の水質計測データをクラウドサービスで一元的に監視する体制を整備する。",
        health="GGYYYY",
        notes={2: "水質計器の一部で通信装置の納期が遅れている。",
               5: "通信装置は11月納入の見込み。先行する3浄水場で監視画面の試験を開始した。"},
        reviews={3: ("Y", "")},
        issues=[dict(kind="issue", title="水質計器用通信装置の納期遅延", severity="high", status="in_progress",
                     owner="水質管理担当", raised_on=D(2022, 6, 20), due_on=D(2022, 11, 30),
                     description="半導体不足により通信装置の納入が3か月遅れる。"),
                dict(kind="risk", title="クラウド監視と現地監視の二重運用期間の長期化", severity="medium", status="open",
                     owner="水質管理担当", raised_on=D(2022, 9, 5), due_on=D(2023, 3, 31), likelihood=3, impact=3,
                     description="通信装置の遅れにより、現地監視との並行運用が年度末まで続くおそれがある。")],
        findings=[dict(category="schedule", title="通信装置の代替調達の検討", written_on=D(2022, 7, 8),
                       response_due_on=D(2022, 7, 29), severity="medium",
                       body="納期遅延が続く場合に備え、代替機種や段階導入の選択肢を検討すること。",
                       answer="代替機種2種を評価し、11月納入が遅れる場合は代替機種で段階導入する方針としました。",
                       answered_on=D(2022, 7, 27))],
        milestones=[("監視画面の試験（先行3浄水場）", D(2022, 8, 31), None, D(2022, 9, 15)),
                    ("全浄水場の通信装置設置", D(2022, 10, 31), D(2023, 1, 31), None),
                    ("クラウド監視への一本化", D(2023, 4, 1), D(2023, 7, 3), None)],
    ),
    DemoProject(
        code="WATER-REMOTE", name="ウェアラブルカメラによる遠隔臨場", name_en="Remote site inspection with wearable cameras",
        division="water", phase=Project.Phase.TESTING, planned_start=D(2022, 4, 1), planned_end=D(2023, 3, 31),
        budget_yen=38_000_000, actual_cost_yen=21_500_000, progress=(10, 60),
        description="水道営業所や浄水場等にウェアラブルカメラを配備し、工事の立会い・検査を遠隔で行う遠隔臨場に取り組む。",
        health="GGGGGG",
        notes={5: "全営業所へのカメラ配備を完了し、工事検査での試行を開始した。"},
        milestones=[("全営業所へのカメラ配備", D(2022, 9, 30), None, D(2022, 9, 26))],
    ),
    DemoProject(
        code="WATER-ONLINE", name="水道の申請手続のオンライン化（LINE・ウェブ）", name_en="Water service applications online",
        division="water", phase=Project.Phase.OPERATION, planned_start=D(2021, 4, 1), planned_end=D(2023, 3, 31),
        budget_yen=64_000_000, actual_cost_yen=47_900_000, progress=(70, 85),
        description="水道の使用開始・休止など取扱件数の多い手続を、e-kanagawa電子申請に加えLINEやウェブサービスで"
                    "オンライン化する（令和3年度実績 約3万2千件）。給水装置工事申請の進捗確認も提供している。",
        # A grace longer than a month: some month end makes it due on any day.
        health="GGGGGG", state=(ReportState.DUE,), grace_days=45,
        before="GGGYGG",
        notes={2: "令和3年度のオンライン受付は約3万2千件。LINEでの転居手続の受付を追加した。",
               5: "スマートフォン決済事業者との接続試験の不具合は解消し、10月からの受付開始に向けて準備を完了した。"},
        fates={5: (WITHDRAWN, "別案件（上下水道料金のキャッシュレス収納の拡大）の報告を誤登録したため。")},
    ),
    DemoProject(
        code="WATER-CASHLESS", name="上下水道料金のキャッシュレス収納の拡大", name_en="Cashless water and sewer charges",
        division="water", phase=Project.Phase.OPERATION, planned_start=D(2022, 4, 1), planned_end=D(2023, 3, 31),
        budget_yen=26_000_000, actual_cost_yen=11_200_000, progress=(10, 50),
        description="平成24年10月に導入したクレジットカード収納に加え、スマートフォン決済など収納方法を順次拡大する"
                    "（令和3年度実績 約8万件）。",
        health="GGGGYG",
        notes={4: "スマートフォン決済事業者との接続試験で不具合があり、対応中。",
               5: "接続試験の不具合は解消し、10月からの受付開始に向けて準備を完了した。"},
        issues=[dict(kind="issue", title="スマートフォン決済の接続試験不具合", severity="medium", status="resolved",
                     owner="料金担当", raised_on=D(2022, 8, 18), resolved_on=D(2022, 9, 14), due_on=D(2022, 9, 16),
                     description="収納データの文字コード不一致。")],
    ),
]


def _registered(spec: DemoProject) -> datetime.date:
    return max(spec.planned_start, PORTAL_OPENED)


def _at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))


# Row timestamps that the services set to "now"; the demo moves them to the day the action happened.
TIMESTAMPS = {
    Project: ["created_at", "updated_at"],
    StatusReport: ["submitted_at", "reviewed_at", "approved_at"],
    ProjectIssue: ["created_at", "updated_at"],
    Finding: ["written_at", "answered_at"],
    Milestone: [],
}


@contextmanager
def _on(day: datetime.date, *models):
    """Date what the block writes to ``models``, and their history, as if done on ``day`` at 10:00 Tokyo time."""
    start = timezone.now()
    yield
    # Never later than the load itself: a row dated after ``start`` would be taken for the next block's.
    when = min(_at(day), start - datetime.timedelta(seconds=1))
    for model in models:
        model.history.filter(history_date__gte=start).update(history_date=when)
        for name in TIMESTAMPS[model]:
            model.objects.filter(**{f"{name}__gte": start}).update(**{name: when})


def _report_values(spec: DemoProject, index: int, letter: str) -> dict:
    """The report of month ``index`` (0 = April 2022; negative for the months before)."""
    health = HEALTH[letter]
    first, last = spec.progress
    planned = min(100, max(0, round(first + (last - first) * index / (len(MONTHS) - 1))))
    weak = spec.weak or ("schedule",)
    return {
        "health": health,
        **{f"{part}_health": health if part in weak else Health.GREEN for part in ("schedule", "cost", "scope", "quality")},
        "planned_progress": planned,
        "actual_progress": max(0, planned - LAG[health]),
        "summary": spec.notes.get(index, SUMMARY[health]),
        "next_steps": NEXT_STEPS,
    }


def _project(spec: DemoProject, story: Story, pmo) -> tuple[Project, bool]:
    values = {
        "name": spec.name, "name_en": spec.name_en, "division": Division.objects.get(code=spec.division), "pmo_contact": pmo,
        "phase": spec.phase, "planned_start": story.on(spec.planned_start), "planned_end": story.on(spec.planned_end),
        "budget_yen": spec.budget_yen, "actual_cost_yen": spec.actual_cost_yen, "cadence": spec.cadence,
        "report_business_days": spec.report_business_days, "grace_days": spec.grace_days,
        "description": spec.description,
    }
    items = list(PlanItem.objects.filter(code__in=PLAN_LINKS.get(spec.code, ())))
    project = Project.objects.filter(code=spec.code).first()
    if project is None:
        with _on(story.on(_registered(spec)), Project):
            return services.project_create(actor=pmo, code=spec.code, plan_items=items, **values), True
    changed = {name: value for name, value in values.items() if getattr(project, name) != value}
    if set(project.plan_items.values_list("pk", flat=True)) != {item.pk for item in items}:
        changed["plan_items"] = items
    if changed:
        project = services.project_update(project=project, actor=pmo, expected_version=project.version, **changed)
    return project, False


def _lag(spec: DemoProject, story: Story, project: Project) -> datetime.timedelta:
    """How much further back than the story a project's reports go, so that it is in ``spec.state`` on the
    load day: its latest submitted report moves to the latest period end that gives that state. The
    source's own snapshot keeps the source's dates."""
    if story.as_of == SOURCE_DATE:
        return datetime.timedelta(0)
    probe = Project(cadence=project.cadence, planned_start=project.planned_start, phase=project.phase,
                    report_business_days=project.report_business_days, grace_days=project.grace_days)
    month_ends = [story.as_of.replace(day=1) - relativedelta(months=back, days=1) for back in range(12)]
    for state in spec.state:
        for month_end in month_ends:
            if month_end != period_end(month_end, project.cadence, project.planned_start):
                continue
            probe.last_reported_on = month_end
            probe.refresh_schedule()
            if probe.report_state(story.as_of) == state:
                return month_end - story.on(MONTHS[spec.last_submitted])
    return datetime.timedelta(0)


def _reports(spec: DemoProject, story: Story, project: Project, users: dict) -> None:
    letters = spec.before.rjust(len(EARLIER), ".") + spec.health
    reporter, pmo, manager = users["reporter"], users["pmo"], users["manager"]
    lag = _lag(spec, story, project)
    for index, (letter, month_end) in enumerate(zip(letters, EARLIER + MONTHS, strict=False), start=-len(EARLIER)):
        as_of = story.on(month_end) + lag
        if letter == "." or as_of < project.planned_start or project.status_reports.filter(as_of=as_of).exists():
            continue
        fate, text = spec.fates.get(index, ("", ""))
        values = _report_values(spec, index, letter)
        if fate == AMENDED:
            # Filed with the planned figure in the actual column; corrected before PMO's review.
            values, correct = {**values, "actual_progress": values["planned_progress"]}, values["actual_progress"]
        with _on(_done(story, as_of, 3), StatusReport, Project):
            report = services.status_report_submit(project=project, actor=reporter, as_of=as_of, **values)
        if report.status == StatusReport.Status.AWAITING_APPROVAL and fate != AWAITING:
            decide = services.status_report_return if fate == RETURNED else services.status_report_approve
            with _on(_done(story, as_of, 4), StatusReport, Project):
                report = decide(report=report, actor=manager, expected_version=report.version,
                                comment=text if fate == RETURNED else "")
        if fate == AMENDED:
            with _on(_done(story, as_of, 4), StatusReport, Project):
                report = services.status_report_amend(report=report, actor=reporter, expected_version=report.version,
                                                       reason=text, actual_progress=correct)
        if fate == WITHDRAWN:
            with _on(_done(story, as_of, 4), StatusReport, Project):
                services.status_report_withdraw(report=report, actor=pmo, expected_version=report.version, reason=text)
        if index in spec.reviews:
            rating, comment = spec.reviews[index]
            with _on(_done(story, as_of, 8), StatusReport, Project):
                services.status_report_review(report=report, actor=pmo, expected_version=report.version,
                                              pmo_health=HEALTH[rating], pmo_comment=comment)


def _done(story: Story, as_of: datetime.date, days: int) -> datetime.date:
    """The day something was done ``days`` after a report's as-of date, never after the load day."""
    return min(as_of + datetime.timedelta(days=days), story.as_of)


def _issues(spec: DemoProject, story: Story, project: Project, reporter) -> None:
    for item in spec.issues:
        if project.issues.filter(title=item["title"]).exists():
            continue
        item = {**item, "raised_on": story.on_business_day(item["raised_on"]), "due_on": story.on_business_day(item["due_on"])}
        status, resolved_on = item.pop("status"), story.on_business_day(item.pop("resolved_on", None))
        with _on(item["raised_on"], ProjectIssue):
            issue = services.issue_raise(project=project, actor=reporter, **item)
        if status != ProjectIssue.Status.OPEN:
            with _on(resolved_on or item["raised_on"] + datetime.timedelta(days=7), ProjectIssue):
                services.issue_update(issue=issue, actor=reporter,
                    expected_version=issue.version, status=status, resolved_on=resolved_on)


def _findings(spec: DemoProject, story: Story, project: Project, reporter, pmo) -> None:
    for item in spec.findings:
        if project.findings.filter(title=item["title"]).exists():
            continue
        item = {**item, "response_due_on": story.on_business_day(item["response_due_on"])}
        written_on, answer = story.on_business_day(item.pop("written_on")), item.pop("answer", None)
        answered_on = story.on_business_day(item.pop("answered_on", None))
        closed_on = story.on_business_day(item.pop("closed_on", None))
        with _on(written_on, Finding):
            finding = services.finding_write(project=project, actor=pmo, **item)
        if answer:
            with _on(answered_on, Finding):
                finding = services.finding_answer(finding=finding, actor=reporter,
                    expected_version=finding.version, response=answer)
        if closed_on:
            with _on(closed_on, Finding):
                services.finding_close(finding=finding, actor=pmo, expected_version=finding.version)


def _milestones(spec: DemoProject, story: Story, project: Project, reporter) -> None:
    for name, *dates in spec.milestones:
        if project.milestones.filter(name=name).exists():
            continue
        planned_on, forecast_on, actual_on = (story.on(day) for day in dates)
        with _on(story.on(_registered(spec)), Milestone):
            milestone = services.milestone_create(project=project, actor=reporter, name=name, planned_on=planned_on)
        if forecast_on or actual_on:
            with _on(actual_on or story.as_of, Milestone):
                services.milestone_update(milestone=milestone, actor=reporter, expected_version=milestone.version,
                                          forecast_on=forecast_on, actual_on=actual_on)


def loaded_as_of() -> datetime.date | None:
    """The day the demo projects in the database were replayed for (None when there are none)."""
    anchor = PROJECTS[0]
    start = Project.objects.filter(code=anchor.code).values_list("planned_start", flat=True).first()
    return None if start is None else SOURCE_DATE + (start - anchor.planned_start)


def clear() -> None:
    """Every project and what was logged about it, with their history: for a replay on another day."""
    Reminder.objects.all().delete()
    PmoDigest.objects.all().delete()
    # The notices point at the records deleted here (and at the action items, which go with them).
    Notification.objects.all().delete()
    Project.objects.all().delete()
    for model in (Project, StatusReport, ProjectIssue, Finding, Milestone):
        model.history.all().delete()


# The plan's measures each project serves: its section of the handout (行政のデジタル化 → 柱Ⅱ, くらしのデジタル化 →
# 柱Ⅰ) and the measure whose title names its work; online procedures and the security cloud also serve the national
# plan's focus areas of those names.
PLAN_LINKS = {
    "EKANAGAWA-EAPP": ["kanagawa-ict-1-3", "municipal-dx-3"],
    "DATA-PLATFORM": ["kanagawa-ict-1-2"],
    "KSC-NEXT": ["kanagawa-ict-2-6", "municipal-dx-6"],
    "COMPUTER-CENTER": ["kanagawa-ict-2-5"],
    "COMMON-PC": ["kanagawa-ict-2-4"],
    "DOC-EAPPROVAL": ["kanagawa-ict-2-4"],
    "E-CONTRACT": ["kanagawa-ict-2-4"],
    "CASHLESS": ["kanagawa-ict-1-3"],
    "MEBYO-KARTE": ["kanagawa-ict-1-1"],
    "EDU-NETWORK": ["kanagawa-ict-2-5"],
    "SCHOOL-WLAN": ["kanagawa-ict-1-1"],
    "SAGAMI-SMART": ["kanagawa-ict-2-4"],
    "WATER-QUALITY-CLOUD": ["kanagawa-ict-2-4", "kanagawa-ict-2-5"],
    "WATER-REMOTE": ["kanagawa-ict-2-4"],
    "WATER-ONLINE": ["kanagawa-ict-1-3", "municipal-dx-3"],
    "WATER-CASHLESS": ["kanagawa-ict-1-3"],
}


def load(out, story: Story) -> None:
    users = get_user_model().objects.filter(username__in=["pmo", "manager", *REPORTERS.values()]).in_bulk(
        field_name="username"
    )
    pmo = users["pmo"]
    created = 0
    for spec in PROJECTS:
        reporter = users[REPORTERS[spec.division]] if spec.division in REPORTERS else pmo
        project, new = _project(spec, story, pmo)
        created += new
        _reports(spec, story, project, {"reporter": reporter, "pmo": pmo, "manager": users["manager"]})
        _issues(spec, story, project, reporter)
        _findings(spec, story, project, reporter, pmo)
        _milestones(spec, story, project, reporter)
    services.month_end_ratings_fill()
    out.write(f"Projects: {len(PROJECTS)} large systems as of {story.as_of.isoformat()} ({created} new).")
