"""Fixtures for the hostile suite: a client per role, the other group's ids, a fingerprint.

Everything is found at run time (URLs from the URL walk, forms from the pages, models
from the app registry), so pages and models that land later are covered without
editing these tests.
"""

import hashlib
from collections import deque

import pytest
from django.apps import apps
from django.test import Client

from groepen.models import Groep, Lidmaatschap
from herstelacademie.models import Heartbeat

# Fields that change on every request or login, not because of what was posted.
VOLATILE = {"last_login", "laatst_actief"}
PROJECT_APPS = {"deelnemers", "groepen", "herstelmodel", "nazorg", "audit", "impact", "privacy"}
PROJECT_APPS.add("doorgroei")  # giving back (issue 16)


@pytest.fixture(autouse=True)
def heartbeat(db):
    """/healthz answers 200, as on a running system."""
    Heartbeat.beat()


@pytest.fixture(autouse=True)
def count_requests(monkeypatch, record_property):
    """Each test records how many requests it sent (property "requests" in --junitxml),
    so the suite's size can be summed and kept in check."""
    sent = [0]
    original = Client.request

    def counting(self, **request):
        sent[0] += 1
        return original(self, **request)

    monkeypatch.setattr(Client, "request", counting)
    yield
    record_property("requests", sent[0])


@pytest.fixture
def world(world):
    """The URL walk's world, plus a course that ended for the deelnemer, with its nazit
    planned: the nazorg pages then show their per-group forms (the reminder choices
    once gave a 500 for a group that is not a number), so the suite attacks them too."""
    import datetime

    from django.utils import timezone

    from nazorg.planning import plan_nazit
    from tests.factories import AanbodFactory, BijeenkomstFactory, GroepFactory, LidmaatschapFactory

    vandaag = timezone.localdate()
    afgelopen = GroepFactory(
        aanbod=AanbodFactory(soort="cursus"),
        naam="Afgelopen cursus",
        startdatum=vandaag - datetime.timedelta(days=60),
        einddatum=vandaag - datetime.timedelta(days=3),
    )
    BijeenkomstFactory(groep=afgelopen, begint_om=timezone.now() - datetime.timedelta(days=3))
    LidmaatschapFactory(groep=afgelopen, user=world.deelnemer, rol=Lidmaatschap.Rol.DEELNEMER)
    plan_nazit(afgelopen)
    world.afgelopen_groep = afgelopen
    return world


@pytest.fixture
def role_client(world):
    """role_client("facilitator", csrf=False) -> a fresh client logged in as that role."""

    def make(role, csrf=False):
        client = Client(enforce_csrf_checks=csrf)
        if role != "anonymous":
            client.force_login(getattr(world, role))
        return client

    return make


@pytest.fixture
def foreign_ids(world):
    """Ids of the other group's objects, keyed by a word a field name may contain."""
    theirs = world.andere_groep.lidmaatschappen.first()
    return {
        "bijeenkomst": world.andere_bijeenkomst.pk,
        "reflectie": world.andere_reflectie.pk,
        "lidmaatschap": theirs.pk,
        "lid": theirs.pk,
        "user": theirs.user_id,
        "deelnemer": theirs.user_id,
        "facilitator": theirs.user_id,
        "aanbod": world.andere_groep.aanbod_id,
        "groep": world.andere_groep.pk,
    }


def _paths_to_groep(model, depth=3):
    """Lookups from `model` to a Groep along foreign keys, shortest first ("groep", ...)."""
    found, queue = [], deque([(model, "", 0)])
    while queue:
        current, prefix, level = queue.popleft()
        for f in current._meta.get_fields():
            if not (f.many_to_one or f.one_to_one) or not f.concrete:
                continue
            lookup = f"{prefix}{f.name}"
            if f.related_model is Groep:
                found.append(lookup)
            elif level + 1 < depth and f.related_model._meta.app_label in PROJECT_APPS:
                queue.append((f.related_model, f"{lookup}__", level + 1))
    return found


def _rows(queryset):
    names = [f.attname for f in queryset.model._meta.concrete_fields if f.name not in VOLATILE]
    return sorted(map(repr, queryset.values_list(*names)))


@pytest.fixture
def fingerprint_of_other_group(world):
    """A function returning a hash over every row that belongs to the other group.

    Rows are found generically: the group, its offer, its members' accounts and every
    row of a project model with a foreign-key path to that group.
    """
    andere = world.andere_groep
    User = world.deelnemer.__class__
    models = [m for m in apps.get_models() if m._meta.app_label in PROJECT_APPS]

    def fingerprint():
        digest = hashlib.sha256()
        members = Lidmaatschap.objects.filter(groep=andere).values("user")
        parts = [
            _rows(Groep.objects.filter(pk=andere.pk)),
            _rows(andere.aanbod.__class__.objects.filter(pk=andere.aanbod_id)),
            _rows(User.objects.filter(pk__in=members)),
        ]
        for model in models:
            for lookup in _paths_to_groep(model):
                parts.append(_rows(model._default_manager.filter(**{lookup: andere})))
        for part in parts:
            digest.update("\n".join(part).encode())
        return digest.hexdigest()

    return fingerprint
