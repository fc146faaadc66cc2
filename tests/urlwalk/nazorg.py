"""Nazorg: nazit plan and moments, one-click links, preferences, notifications, overview."""

import datetime

from . import LOGIN, Case, logged_in, same

A, OUT, D, F, C = "anonymous", "outsider", "deelnemer", "facilitator", "coordinator"


def _moment(world):
    from nazorg.models import NazitMoment

    moment, _ = NazitMoment.objects.get_or_create(
        groep=world.groep,
        dagen_na_einde=14,
        defaults={"datum": world.geweest.begint_om.date() + datetime.timedelta(days=14)},
    )
    return moment


def _herinnering(world):
    from nazorg.models import Herinnering

    h, _ = Herinnering.objects.get_or_create(
        user=world.deelnemer,
        groep=world.groep,
        moment=_moment(world),
        defaults={"verstuur_op": world.geweest.begint_om},
    )
    return h


def _rsvp(world):
    from nazorg.rsvp import maak_rsvp_token

    return {"token": maak_rsvp_token(_herinnering(world).pk, "ja")}


def _afmelden(world):
    from nazorg.rsvp import maak_afmeld_token

    return {"token": maak_afmeld_token(_herinnering(world).pk)}


EXPECTED = {
    # Coordinators plan the offer; everyone else 403.
    "nazit_plan": Case({**logged_in(403), C: 200}, kwargs=lambda w: {"pk": w.aanbod.pk}),
    # The group's facilitators and coordinators; participants 403; outsiders 404.
    "nazit_moment": Case(
        {A: LOGIN, OUT: 404, D: 403, F: 200, C: 200},
        kwargs=lambda w: {"pk": _moment(w).pk},
    ),
    # POST: calls the nazit off (302 back to its page); the same people as above.
    "nazit_afgelasten": Case(
        {A: LOGIN, OUT: 404, D: 403, F: 302, C: 302},
        kwargs=lambda w: {"pk": _moment(w).pk},
        method="post",
    ),
    # One-click links from the email work without login, for whoever holds them.
    "rsvp": Case(same(200), kwargs=_rsvp),
    "uitschrijven_nazit": Case(same(200), kwargs=_afmelden),
    "nazorg_voorkeuren": Case(logged_in(200)),
    "meldingen": Case(logged_in(200)),
    "nazorg_overzicht": Case({**logged_in(403), C: 200}),
}
