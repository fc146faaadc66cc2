"""Mails leave through Django's real SMTP backend and arrive, plain + HTML, at an SMTP sink."""

import email
import email.policy
import socket

import pytest
from aiosmtpd.controller import Controller
from django.test import override_settings

from groepen import mail
from groepen.models import Lidmaatschap
from tests.factories import BijeenkomstFactory, GroepFactory, LidmaatschapFactory, UserFactory

pytestmark = pytest.mark.django_db


class Sink:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(
            (
                envelope.rcpt_tos,
                email.message_from_bytes(envelope.content, policy=email.policy.default),
            )
        )
        return "250 OK"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_sink():
    sink = Sink()
    port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=port,
        EMAIL_USE_TLS=False,
        EMAIL_TIMEOUT=5,
    ):
        yield sink
    controller.stop()


def test_enrolment_mail_arrives_as_plain_text_and_html(smtp_sink):
    groep = GroepFactory(naam="WRAP – dinsdag")
    BijeenkomstFactory(groep=groep)
    sam = UserFactory(email="sam@example.org", roepnaam="Sam")
    LidmaatschapFactory(groep=groep, user=sam, rol=Lidmaatschap.Rol.DEELNEMER)

    mail.stuur("aangemeld", sam.pk, {"groep_id": groep.pk})

    ((recipients, message),) = smtp_sink.messages
    assert recipients == ["sam@example.org"]
    assert str(message["Subject"]).strip().startswith("[Herstelacademie]")
    parts = {part.get_content_type(): part for part in message.walk()}
    assert {"text/plain", "text/html"} <= set(parts)
    plain = parts["text/plain"].get_payload(decode=True).decode()
    html = parts["text/html"].get_payload(decode=True).decode()
    assert "Sam" in plain
    assert "WRAP – dinsdag" in plain
    assert "WRAP – dinsdag" in html
    assert "<html" in html.lower()


def test_moved_meeting_mail_goes_to_each_participant(smtp_sink):
    groep = GroepFactory()
    bijeenkomst = BijeenkomstFactory(groep=groep)
    mensen = [UserFactory() for _ in range(3)]
    for user in mensen:
        mail.stuur("afgelast", user.pk, {"bijeenkomst_id": bijeenkomst.pk})
    assert sorted(r[0] for r, _ in smtp_sink.messages) == sorted(u.email for u in mensen)
