"""Who was there: facilitators tick attendance after a nazit; coordinators see counts."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from nazorg.models import Herinnering
from nazorg.planning import plan_nazit

from .conftest import maak_afgelopen_groep

pytestmark = pytest.mark.django_db


def _begonnen(groep, uren=-2):
    """The group's 14-day moment with a meeting `uren` hours from now (negative: started)."""
    moment = groep.nazit_momenten.get(dagen_na_einde=14)
    moment.begint_om = timezone.now() + datetime.timedelta(hours=uren)
    moment.save(update_fields=["begint_om"])
    return moment


def test_facilitator_sees_names_prefilled_and_saves_attendance(client, afgelopen):
    groep, (a, b, c), facilitator = afgelopen
    moment = _begonnen(groep)
    Herinnering.objects.filter(moment=moment, user=a).update(antwoord="ja")
    Herinnering.objects.filter(moment=moment, user=b).update(antwoord="nee")
    ha, hc = (Herinnering.objects.get(moment=moment, user=u) for u in (a, c))
    client.force_login(facilitator)
    url = reverse("nazit_moment", kwargs={"pk": moment.pk})

    r = client.get(url)
    assert r.status_code == 200
    inhoud = r.content.decode()
    for u in (a, b, c):
        assert u.roepnaam in inhoud
    assert r.context["aangevinkt"] == {ha.pk}  # those who said yes are ticked
    assert f'value="{ha.pk}" id="aanwezig-{ha.pk}" checked' in inhoud

    r = client.post(url, {"actie": "aanwezigheid", "aanwezig": [ha.pk, hc.pk]})
    assert r.status_code == 302
    assert {h.user_id: h.aanwezig for h in moment.herinneringen.all()} == {
        a.pk: True,
        b.pk: False,
        c.pk: True,
    }
    # Saved values are shown ticked from now on; the other moments are untouched.
    assert client.get(url).context["aangevinkt"] == {ha.pk, hc.pk}
    assert not Herinnering.objects.exclude(moment=moment).exclude(aanwezig=None).exists()

    # Untick everyone: all become False.
    client.post(url, {"actie": "aanwezigheid"})
    assert set(moment.herinneringen.values_list("aanwezig", flat=True)) == {False}


def test_saving_attendance_does_not_touch_the_date_form(client, afgelopen):
    groep, _, facilitator = afgelopen
    moment = _begonnen(groep)
    begint_om = moment.begint_om
    client.force_login(facilitator)
    url = reverse("nazit_moment", kwargs={"pk": moment.pk})
    r = client.post(url, {"actie": "aanwezigheid", "aanwezig": []})
    assert r.status_code == 302
    moment.refresh_from_db()
    assert moment.begint_om == begint_om


def test_attendance_of_another_moment_is_refused(client, afgelopen):
    groep, (a, *_), facilitator = afgelopen
    moment = _begonnen(groep)
    vreemd = Herinnering.objects.exclude(moment=moment).filter(user=a).first()
    client.force_login(facilitator)
    r = client.post(
        reverse("nazit_moment", kwargs={"pk": moment.pk}),
        {"actie": "aanwezigheid", "aanwezig": [vreemd.pk]},
    )
    assert r.status_code == 400
    assert not Herinnering.objects.exclude(aanwezig=None).exists()


@pytest.mark.parametrize("uren", [None, 3])
def test_before_the_meeting_saving_is_refused_with_a_message(client, afgelopen, uren):
    groep, (a, *_), facilitator = afgelopen
    moment = groep.nazit_momenten.get(dagen_na_einde=14)
    if uren is not None:
        moment = _begonnen(groep, uren=uren)
    h = Herinnering.objects.get(moment=moment, user=a)
    client.force_login(facilitator)
    url = reverse("nazit_moment", kwargs={"pk": moment.pk})
    r = client.get(url)
    assert r.status_code == 200
    assert "kunnen de facilitators van de groep hier invullen wie er was" in r.content.decode()
    assert a.roepnaam not in r.content.decode()
    r = client.post(url, {"actie": "aanwezigheid", "aanwezig": [h.pk]})
    assert r.status_code == 302
    assert [str(m) for m in get_messages(r.wsgi_request)] == [
        "Je kunt invullen wie er was zodra de bijeenkomst begonnen is."
    ]
    assert not moment.herinneringen.exclude(aanwezig=None).exists()


def test_participant_gets_403(client, afgelopen):
    groep, (a, *_), _ = afgelopen
    moment = _begonnen(groep)
    h = Herinnering.objects.get(moment=moment, user=a)
    client.force_login(a)
    url = reverse("nazit_moment", kwargs={"pk": moment.pk})
    assert client.get(url).status_code == 403
    r = client.post(url, {"actie": "aanwezigheid", "aanwezig": [h.pk]})
    assert r.status_code == 403
    assert not Herinnering.objects.exclude(aanwezig=None).exists()


def test_coordinator_sees_counts_only_and_cannot_save(client, coordinator):
    groep, mensen, _ = maak_afgelopen_groep(deelnemers=6)
    plan_nazit(groep)
    moment = _begonnen(groep)
    Herinnering.objects.filter(moment=moment, user__in=mensen[:5]).update(antwoord="ja")
    client.force_login(coordinator)
    url = reverse("nazit_moment", kwargs={"pk": moment.pk})
    r = client.get(url)
    assert r.status_code == 200
    inhoud = r.content.decode()
    assert 'name="aanwezig"' not in inhoud
    assert 'value="aanwezigheid"' not in inhoud
    for u in mensen:
        assert u.roepnaam not in inhoud
        assert u.email not in inhoud
    assert r.context["cijfers"]["ja"] == 5
    pks = list(moment.herinneringen.values_list("pk", flat=True))
    r = client.post(url, {"actie": "aanwezigheid", "aanwezig": pks})
    assert r.status_code == 403
    assert not Herinnering.objects.exclude(aanwezig=None).exists()


def test_overview_shows_how_many_came(client, coordinator):
    groep, mensen, facilitator = maak_afgelopen_groep(deelnemers=6)
    plan_nazit(groep)
    moment = _begonnen(groep)
    aanwezig = list(moment.herinneringen.filter(user__in=mensen[:5]).values_list("pk", flat=True))
    client.force_login(facilitator)
    client.post(
        reverse("nazit_moment", kwargs={"pk": moment.pk}),
        {"actie": "aanwezigheid", "aanwezig": aanwezig},
    )
    client.force_login(coordinator)
    r = client.get(reverse("nazorg_overzicht"))
    assert r.status_code == 200
    per_moment = {m.pk: m for m in r.context["momenten"]}
    assert per_moment[moment.pk].gekomen == 5
    assert per_moment[moment.pk].aanwezigheid_bekend
    ander = groep.nazit_momenten.get(dagen_na_einde=42)
    assert not per_moment[ander.pk].aanwezigheid_bekend
    inhoud = r.content.decode()
    assert "<td>5</td>" in inhoud
    assert "nog niet ingevuld" in inhoud
    for u in mensen:
        assert u.roepnaam not in inhoud
        assert u.email not in inhoud
