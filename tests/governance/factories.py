import datetime

import factory
from django.utils import timezone

from governance.models import (
    ActionItem,
    AgendaItem,
    CommitteeMeeting,
    CouncilMeeting,
    Decision,
    IssuedPack,
    MunicipalDxStatus,
    Municipality,
    local_government_check_digit,
)
from tests.organisation.factories import DivisionFactory

# --- the bodies that decide and coordinate ---------------------------------------------------------


class CommitteeMeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommitteeMeeting
        django_get_or_create = ("number",)

    number = factory.Sequence(lambda n: n + 1)
    held_on = datetime.date(2022, 9, 13)
    title = factory.LazyAttribute(lambda m: f"令和4年度第{m.number}回ステアリング・コミッティ")


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(CommitteeMeetingFactory)
    order = factory.Sequence(lambda n: n + 1)
    title = "電子契約の導入"


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    meeting = factory.SubFactory(CommitteeMeetingFactory)
    sequence = factory.Sequence(lambda n: n + 1)
    reference = factory.LazyAttribute(lambda d: f"{d.meeting.number}-{d.sequence}")
    title = factory.Sequence(lambda n: f"電子契約の導入 その{n}")
    decision_text = "事業者に十分な説明を行った上で電子契約を導入する。"


class ActionItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionItem

    decision = factory.SubFactory(DecisionFactory)
    title = factory.Sequence(lambda n: f"事業者向け説明資料の作成 {n}")
    owner_division = factory.SubFactory(DivisionFactory)
    due_on = datetime.date(2022, 11, 30)

    class Params:
        done = factory.Trait(
            status=ActionItem.Status.DONE, completed_on=datetime.date(2022, 9, 30), completion_note="説明資料を作成した。"
        )


def valid_code(first_five: str) -> str:
    return f"{first_five}{local_government_check_digit(first_five)}"


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: valid_code(f"{19000 + n:05d}"))
    name = factory.Sequence(lambda n: f"架空{n}市")
    kana = factory.Sequence(lambda n: f"かくう{n}し")
    kind = Municipality.Kind.CITY


class CouncilMeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CouncilMeeting

    kind = CouncilMeeting.Kind.PLENARY
    number = factory.Sequence(lambda n: n + 1)
    held_on = datetime.date(2022, 7, 27)
    title = factory.LazyAttribute(lambda m: f"県市町村デジタル推進会議（第{m.number}回）")


class MunicipalDxStatusFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MunicipalDxStatus

    municipality = factory.SubFactory(MunicipalityFactory)
    focus_area = MunicipalDxStatus.FocusArea.STANDARDISATION
    status = MunicipalDxStatus.Status.PLANNING
    as_of = datetime.date(2022, 9, 30)


class IssuedPackFactory(factory.django.DjangoModelFactory):
    """An issued pack with stand-in files (services.pack_issue renders real ones); ``meeting`` is either kind."""

    class Meta:
        model = IssuedPack
        exclude = ("meeting",)

    meeting = factory.SubFactory(CommitteeMeetingFactory)
    committee_meeting = factory.LazyAttribute(lambda p: p.meeting if isinstance(p.meeting, CommitteeMeeting) else None)
    council_meeting = factory.LazyAttribute(lambda p: p.meeting if isinstance(p.meeting, CouncilMeeting) else None)
    sequence = 1
    data = factory.LazyFunction(dict)
    pdf = b"%PDF-1.7 issued"
    xlsx = b"PK issued"
    pdf_sha256 = "0" * 64
    xlsx_sha256 = "1" * 64
    data_sha256 = "2" * 64
    issued_by = factory.SubFactory("tests.organisation.factories.UserFactory")
    issued_at = factory.LazyFunction(timezone.now)


class AgendaProposalFactory(factory.django.DjangoModelFactory):
    """A finding of a project in the agenda backlog."""

    class Meta:
        model = "governance.AgendaProposal"

    finding = factory.SubFactory("tests.projects.factories.FindingFactory")
    project = factory.LazyAttribute(lambda p: (p.finding or p.issue).project)
    proposed_by = factory.SubFactory("tests.organisation.factories.UserFactory", groups=["pmo"])
    reason = "全庁的な判断が必要なため"
    proposed_at = factory.LazyFunction(lambda: datetime.datetime(2022, 10, 3, 1, 0, tzinfo=datetime.UTC))
