import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_change_display_name(client, deelnemer):
    client.force_login(deelnemer)
    response = client.post(reverse("mijn_gegevens"), {"roepnaam": "  Sammie   B "}, follow=True)
    deelnemer.refresh_from_db()
    assert deelnemer.roepnaam == "Sammie B"
    assert "Sammie B" in response.content.decode()


def test_bad_display_name_keeps_what_was_typed(client, deelnemer):
    client.force_login(deelnemer)
    response = client.post(reverse("mijn_gegevens"), {"roepnaam": "sam@example.org"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="sam@example.org"' in html
    assert 'aria-invalid="true"' in html
    deelnemer.refresh_from_db()
    assert deelnemer.roepnaam == "Sam"


def test_too_long_display_name(client, deelnemer):
    client.force_login(deelnemer)
    response = client.post(reverse("mijn_gegevens"), {"roepnaam": "x" * 41})
    assert response.status_code == 200
    assert "maximaal 40" in response.content.decode() or "40" in response.content.decode()
