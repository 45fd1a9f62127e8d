import datetime

import factory
from django.utils import timezone

from inquiries.models import Answer, Inquiry, Question
from tests.governance.factories import MunicipalityFactory
from tests.organisation.factories import UserFactory


class InquiryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Inquiry
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"自治体システム標準化の進捗状況調査 {n}")
    body = "標準準拠システムへの移行状況について照会します。"
    sent_on = datetime.date(2022, 9, 1)
    deadline = datetime.date(2022, 9, 30)
    created_by = factory.SubFactory(UserFactory)

    @factory.post_generation
    def recipients(self, create, extracted, **kwargs):
        if create:
            self.recipients.set(extracted if extracted is not None else [MunicipalityFactory()])


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    inquiry = factory.SubFactory(InquiryFactory)
    order = factory.Sequence(lambda n: n + 1)
    text = "移行計画の策定状況"
    kind = Question.Kind.CHOICE
    choices = "策定済\n策定中\n未着手"


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Answer

    inquiry = factory.SubFactory(InquiryFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    entered_by = factory.SubFactory(UserFactory)
    answered_at = factory.LazyFunction(timezone.now)
    values = factory.LazyFunction(dict)
