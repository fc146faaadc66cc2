"""Fixtures for the privacy tests (consent, export, deletion).

Version 1 of the privacy statement is published by migration privacy/0002, so it is in
every test database.
"""

import uuid

import pytest

from privacy.models import Privacyverklaring


@pytest.fixture
def eigen_cache(settings):
    """A cache of this test's own: the cached id of the statement in force must not come
    from another test (or another database sharing the same Redis)."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"privacy-{uuid.uuid4()}",
        }
    }


@pytest.fixture
def toestemming_verplicht(settings, eigen_cache):
    """Switch the consent check on (tests/settings.py switches it off for the suite)."""
    settings.PRIVACY_TOESTEMMING_VERPLICHT = True


@pytest.fixture
def v1(db):
    """An academy with only version 1 of the statement: these tests are about how
    versions work, so they start from one version whatever later migrations publish
    (tests/privacy/test_verklaring_versies.py checks what those publish)."""
    Privacyverklaring.objects.filter(versie__gt=1).delete()
    return Privacyverklaring.objects.get(versie=1)
