"""The nazit reminder also points to the online community, and the link works."""

import re

from django.core import mail
from django.urls import reverse

from nazorg.herinneringen import verstuur_herinneringen

from .conftest import maak_due


def test_reminder_links_to_the_community(afgelopen, client):
    _groep, mensen, _facilitator = afgelopen
    maak_due()
    verstuur_herinneringen()
    eerste = next(m for m in mail.outbox if m.to == [mensen[0].email])
    html = eerste.alternatives[0][0]
    assert reverse("community") in eerste.body
    assert reverse("community") in html
    link = re.search(r"https?://\S+" + re.escape(reverse("community")), eerste.body).group(0)
    client.force_login(mensen[0])
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    response = client.get(path, follow=True)
    assert response.status_code == 200
