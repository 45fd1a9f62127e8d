"""Factories for people and the organisation they belong to."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from organisation.models import Bureau, BureauMembership, Division, DivisionMembership, Transfer


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    last_name = factory.Faker("last_name", locale="ja_JP")
    first_name = factory.Faker("first_name", locale="ja_JP")
    email = factory.LazyAttribute(lambda u: f"{u.username}@pref.example.lg.jp")
    password = factory.django.Password("pw")

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        for name in extracted or []:
            self.groups.add(Group.objects.get_or_create(name=name)[0])


class BureauFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bureau
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"bureau-{n}")
    name = factory.Sequence(lambda n: f"第{n}局")
    name_en = factory.Sequence(lambda n: f"Bureau {n}")


class DivisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Division
        django_get_or_create = ("code",)

    bureau = factory.SubFactory(BureauFactory)
    code = factory.Sequence(lambda n: f"division-{n}")
    name = factory.Sequence(lambda n: f"第{n}課")
    name_en = factory.Sequence(lambda n: f"Division {n}")
    email = factory.LazyAttribute(lambda d: f"{d.code}@pref.example.lg.jp")


class DivisionMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DivisionMembership

    user = factory.SubFactory(UserFactory)
    division = factory.SubFactory(DivisionFactory)
    role = DivisionMembership.Role.STAFF


class BureauMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BureauMembership

    user = factory.SubFactory(UserFactory)
    bureau = factory.SubFactory(BureauFactory)


class TransferFactory(factory.django.DjangoModelFactory):
    """A transfer not yet applied; give ``applied_at`` for one that was."""

    class Meta:
        model = Transfer

    user = factory.SubFactory(UserFactory)
    from_division = factory.SubFactory(DivisionFactory)
    to_division = factory.SubFactory(DivisionFactory)
    role = DivisionMembership.Role.STAFF
    effective_on = datetime.date(2023, 4, 1)
    entered_by = factory.SubFactory(UserFactory, groups=["pmo"])
