"""Demo inquiry: the council's half-yearly survey of 自治体システム標準化 as at the end of September 2022, which the
July plenary's follow-ups announced (governance.demo_bodies).

Sent to all 33 on 12 September with a deadline of 30 September; on the source's morning (4 October) 30 have
answered and 3 towns are late. The chaser before the deadline went, two business days ahead, to those who had
not answered then; the chaser after it is left for the sweep (`send_chasers`), so that it goes out on the load
day, once. Each municipality gets a demo contact address at example.jp. Runs after governance.demo_bodies;
idempotent as the other demo modules; the dates move with ``story``.
"""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from dx_portal.business_days import business_days_before
from dx_portal.demo import Story, put
from governance.models import Municipality

from .models import Answer, Chaser, Inquiry, Question

D = datetime.date
TITLE = "自治体システム標準化の対応状況調査（令和4年9月末時点）"
BODY = (
    "県市町村デジタル推進会議（第2回）での確認に基づき、地方公共団体情報システムの標準化・共通化への対応状況を"
    "照会します。添付の回答票に記入のうえ、期限までにデジタル戦略本部室へ返送してください。"
)
SENT_ON, DEADLINE = D(2022, 9, 12), D(2022, 9, 30)
QUESTIONS = [
    # text, kind, choices, required
    ("標準準拠システムへの移行計画の策定状況", Question.Kind.CHOICE, "策定済\n策定中\n未着手", True),
    ("移行対象の基幹業務システム数", Question.Kind.NUMBER, "", True),
    ("移行完了の予定時期", Question.Kind.DATE, "", True),
    ("移行に当たっての課題", Question.Kind.TEXT, "", False),
]
# The three late: towns with small IT teams.
LATE = {"143839", "143847", "143642"}
# Those who answered only after the chaser before the deadline reached them.
ANSWERED_LATE_IN_TERM = {"143014", "143618", "143634", "143669", "143821", "144011"}
ISSUES = ["ベンダーの対応体制の確保", "移行経費の財源", "職員の業務見直しの負担", ""]


def _values(questions: list[Question], index: int, kind: str) -> dict[str, str]:
    """A plausible answer: the designated cities have their plans, most others are writing theirs."""
    plan = ["策定済", "策定中", "未着手"][0 if kind == Municipality.Kind.DESIGNATED_CITY else index % 3]
    systems = {Municipality.Kind.DESIGNATED_CITY: 20, Municipality.Kind.CITY: 17}.get(kind, 14 + index % 3)
    done_by = D(2025, 12, 31) if index % 4 else D(2025, 9, 30)
    values = [plan, str(systems), done_by.isoformat(), ISSUES[index % len(ISSUES)]]
    return {str(q.pk): value for q, value in zip(questions, values, strict=True)}


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=timezone.get_current_timezone())


def clear() -> None:
    """The inquiries with their answers, chasers and history: for a replay on another day."""
    Inquiry.objects.all().delete()
    Inquiry.history.all().delete()
    Answer.history.all().delete()


def load(out, story: Story) -> None:
    secretariat = get_user_model().objects.filter(username="pmo").first()
    municipalities = list(Municipality.objects.municipal().order_by("code"))
    if secretariat is None or not municipalities:
        return
    municipalities = [
        put(Municipality, {"pk": m.pk}, {"contact_email": f"dx-{m.code}@example.jp"}, None) for m in municipalities
    ]

    sent_on, deadline = story.on_business_day(SENT_ON), story.on_business_day(DEADLINE)
    inquiry = put(
        Inquiry, {"title": TITLE},
        {"body": BODY, "sent_on": sent_on, "deadline": deadline, "created_by": secretariat},
        secretariat,
    )
    inquiry.recipients.set(municipalities)
    questions = [
        put(Question, {"inquiry": inquiry, "order": order},
            {"text": text, "kind": kind, "choices": choices, "required": required}, None)
        for order, (text, kind, choices, required) in enumerate(QUESTIONS, start=1)
    ]

    chased_on = business_days_before(deadline, settings.INQUIRY_CHASER_BUSINESS_DAYS_BEFORE)
    answered = 0
    for index, municipality in enumerate(municipalities):
        if municipality.code in LATE:
            continue
        # Most answer in the days before the chaser; those chased, on the deadline.
        early = min(sent_on + datetime.timedelta(days=index // 4), chased_on)
        day = deadline if municipality.code in ANSWERED_LATE_IN_TERM else early
        put(Answer, {"inquiry": inquiry, "municipality": municipality}, {
            "values": _values(questions, index, municipality.kind), "source": Answer.Source.WORKBOOK,
            "entered_by": secretariat, "answered_at": _at(day, 10 + index % 6),
        }, secretariat)
        answered += 1

    for municipality in municipalities:
        if municipality.code in LATE | ANSWERED_LATE_IN_TERM:
            moment = _at(chased_on, 8)
            key = {"inquiry": inquiry, "municipality": municipality, "kind": Chaser.Kind.BEFORE, "deadline": deadline}
            put(Chaser, key, {"recipients": municipality.contact_email, "claimed_at": moment, "sent_at": moment}, None)

    out.write(
        f"Inquiries: 「{TITLE}」 to {len(municipalities)} municipalities, {answered} answered, "
        f"{len(municipalities) - answered} late (chasers: `manage.py send_chasers --dry-run`)"
    )
