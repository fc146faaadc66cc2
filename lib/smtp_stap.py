"""Send one email over a Django SMTP connection, and act just before the final dot.

An SMTP server takes responsibility for a message when it answers 250 to the "." that
ends DATA; until that dot it discards everything it was sent. A caller that records "I am
about to hand this over" before the dot, and "handed over" right after the 250, narrows
the moment where it cannot know whether the mail went out to: the dot, the server's
reply, and its own commit.

    with smtp_stap.tot_de_punt(connection, bericht) as data:
        ...                    # everything but the dot has been sent
        data.punt()            # the dot; returns on 250, raises otherwise

Leaving the block without punt() (an exception, e.g. Afgebroken) abandons the message:
the connection is closed without the dot, so the server drops it.

The connection is Django's SMTP EmailBackend, opened by its own open(): TLS, SSL, login
and timeout from Django's EMAIL_* settings keep working. Any other backend (locmem in
tests, console in development) has no dot: punt() sends the message through it.
"""

import smtplib
import socket
import time
from contextlib import contextmanager

from django.core.mail.backends.smtp import EmailBackend as SmtpBackend
from django.core.mail.message import sanitize_address


class Afgebroken(Exception):
    """The caller decided, before the dot, not to hand the message over."""


class Data:
    def __init__(self, smtp=None, bericht=None):
        self.smtp, self.bericht = smtp, bericht
        self.verzonden = False
        self.punt_op = self.ontvangen_op = None  # time.perf_counter(), for measuring

    def punt(self) -> None:
        self.punt_op = time.perf_counter()
        if self.smtp is None:
            self.bericht.send()
        else:
            self.smtp.send(b".\r\n")
            code, antwoord = self.smtp.getreply()
            if code != 250:
                raise smtplib.SMTPDataError(code, antwoord)
        self.ontvangen_op = time.perf_counter()
        self.verzonden = True


@contextmanager
def tot_de_punt(connection, bericht):
    if not isinstance(connection, SmtpBackend):
        yield Data(bericht=bericht)
        return
    connection.open()  # no-op when already open
    smtp = connection.connection
    _tot_de_punt(smtp, bericht)
    data = Data(smtp)
    try:
        yield data
    finally:
        if not data.verzonden and data.punt_op is None:
            connection.close()  # without the dot the server drops the message


def _tot_de_punt(smtp, bericht) -> None:
    """Envelope, DATA and the message, all but the final dot (as smtplib.sendmail())."""
    encoding = bericht.encoding or "utf-8"
    van = sanitize_address(bericht.from_email, encoding)
    naar = [sanitize_address(a, encoding) for a in bericht.recipients()]
    inhoud = bericht.message().as_bytes(linesep="\r\n")
    smtp.ehlo_or_helo_if_needed()
    opties = ["SMTPUTF8"] if smtp.has_extn("smtputf8") and not van.isascii() else []
    code, antwoord = smtp.mail(van, opties)
    if code != 250:
        smtp.rset()
        raise smtplib.SMTPSenderRefused(code, antwoord, van)
    geweigerd = {}
    for adres in naar:
        code, antwoord = smtp.rcpt(adres)
        if code not in (250, 251):
            geweigerd[adres] = (code, antwoord)
    if len(geweigerd) == len(naar):
        smtp.rset()
        raise smtplib.SMTPRecipientsRefused(geweigerd)
    code, antwoord = smtp.docmd("data")
    if code != 354:
        smtp.rset()
        raise smtplib.SMTPDataError(code, antwoord)
    # The dot is a tiny write right after a large one: without TCP_NODELAY, Nagle's
    # algorithm could hold it back until the server acknowledges the body.
    smtp.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    data = smtplib._quote_periods(inhoud)  # what smtplib.SMTP.data() sends, minus the dot
    smtp.send(data if data.endswith(b"\r\n") else data + b"\r\n")
