"""Retention: a long-inactive account gets one warning, and is erased when nothing
happens in the weeks after it. Any visit resets the clock."""

import datetime

import pytest
import time_machine
from dateutil.relativedelta import relativedelta
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from audit.models import AuditEvent
from groepen.models import Lidmaatschap
from privacy import bewaartermijn
from privacy.activiteit import markeer_actief
from tests.factories import GroepFactory, LidmaatschapFactory, UserFactory


@pytest.fixture(autouse=True)
def engels(settings):
    settings.LANGUAGE_CODE = "en"
    settings.BEWAARTERMIJN_MAANDEN = 24
    settings.BEWAARTERMIJN_WAARSCHUWING_DAGEN = 30


def lang_geleden(maanden=25):
    return timezone.localdate() - relativedelta(months=maanden)


def later(dagen):
    return time_machine.travel(timezone.now() + datetime.timedelta(days=dagen), tick=False)


@pytest.fixture
def slaper(db):
    return UserFactory(email="slaper@example.org", laatst_actief=lang_geleden())


def waarschuwingen(user):
    return AuditEvent.objects.filter(soort="bewaartermijn", betreft=user).count()


def test_one_warning_then_erasure_after_the_warning_period(slaper):
    recent = UserFactory(laatst_actief=lang_geleden(22))
    call_command("verwijder_accounts")
    (bericht,) = mail.outbox
    assert bericht.to == ["slaper@example.org"]
    assert "log in before" in bericht.body
    assert waarschuwingen(slaper) == 1
    assert waarschuwingen(recent) == 0
    # Running again (the next day, or twice) sends no second warning.
    call_command("verwijder_accounts")
    with later(29):
        call_command("verwijder_accounts")
    assert len(mail.outbox) == 1
    slaper.refresh_from_db()
    assert slaper.verwijderd_op is None
    with later(31):
        call_command("verwijder_accounts")
        call_command("verwijder_accounts")
    slaper.refresh_from_db()
    assert slaper.verwijderd_op is not None
    assert not slaper.is_active
    assert AuditEvent.objects.filter(soort="verwijderd", betreft=slaper, actor=None).count() == 1
    assert mail.outbox[-1].to == ["slaper@example.org"]  # the goodbye, to the old address
    recent.refresh_from_db()
    assert recent.verwijderd_op is None


def test_a_visit_after_the_warning_resets_the_clock(slaper):
    bewaartermijn.voer_uit()
    assert waarschuwingen(slaper) == 1
    with later(10):
        markeer_actief(slaper)
    with later(40):
        bewaartermijn.voer_uit()
    slaper.refresh_from_db()
    assert slaper.verwijderd_op is None
    assert waarschuwingen(slaper) == 1
    # Two years after that visit the cycle starts again, with a new warning.
    with later(10 + 366 * 2 + 1):
        bewaartermijn.voer_uit()
    assert waarschuwingen(slaper) == 2


def test_never_used_accounts_count_from_sign_up(db):
    nooit = UserFactory(date_joined=timezone.now() - relativedelta(months=25))
    nieuw = UserFactory()
    assert set(bewaartermijn.inactief()) == {nooit}
    assert nieuw.laatst_actief is None


def test_roles_running_groups_and_erased_accounts_are_left_alone(db):
    oud = lang_geleden()
    coordinator = UserFactory(laatst_actief=oud, is_coordinator=True)
    superuser = UserFactory(laatst_actief=oud, is_superuser=True, is_staff=True)
    facilitator = UserFactory(laatst_actief=oud)
    LidmaatschapFactory(groep=GroepFactory(), user=facilitator, rol=Lidmaatschap.Rol.FACILITATOR)
    verwijderd = UserFactory(laatst_actief=oud, verwijderd_op=timezone.now())
    geweest = GroepFactory(
        startdatum=oud - datetime.timedelta(days=60), einddatum=oud - datetime.timedelta(days=1)
    )
    oud_facilitator = UserFactory(laatst_actief=oud)
    LidmaatschapFactory(groep=geweest, user=oud_facilitator, rol=Lidmaatschap.Rol.FACILITATOR)
    uitkomst = bewaartermijn.voer_uit()
    assert uitkomst.gewaarschuwd == 1
    for user in (coordinator, superuser, facilitator, verwijderd):
        assert waarschuwingen(user) == 0
    assert waarschuwingen(oud_facilitator) == 1


def test_a_failed_mail_is_retried_next_run(slaper, monkeypatch):
    def kapot(*args, **kwargs):
        raise OSError("connection refused")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", kapot)
    assert bewaartermijn.waarschuw() == 0
    assert waarschuwingen(slaper) == 0
    monkeypatch.undo()
    assert bewaartermijn.waarschuw() == 1


def test_batch_size_is_bounded(db):
    for _ in range(3):
        UserFactory(laatst_actief=lang_geleden())
    assert bewaartermijn.waarschuw(limit=2) == 2
    assert bewaartermijn.waarschuw(limit=2) == 1
    assert bewaartermijn.waarschuw(limit=2) == 0


def test_finding_who_to_warn_costs_the_same_for_more_people(db, django_assert_num_queries):
    for _ in range(2):
        UserFactory(laatst_actief=lang_geleden())
    with django_assert_num_queries(1):
        assert len(list(bewaartermijn.inactief())) == 2
    for _ in range(20):
        UserFactory(laatst_actief=lang_geleden())
    with django_assert_num_queries(1):
        assert len(list(bewaartermijn.inactief())) == 22
