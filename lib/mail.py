"""Rendering a mail, once for the whole app.

A mail is two or three templates next to each other: `<sjabloon>_onderwerp.txt` (the
subject), `<sjabloon>.txt` (the plain text) and, when it exists, `<sjabloon>.html` (the
HTML part). They are rendered in the recipient's language. The subject gets the site's
prefix and is collapsed to one line, because a template's line breaks and indentation
must never end up in a header.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import TemplateDoesNotExist
from django.template.loader import get_template, render_to_string
from django.utils import translation

# Functions that add to every mail's context, registered by higher apps at start-up
# (deelnemers adds `academie`): lib sits below every app and imports none of them.
_context_bronnen = []


def registreer_context(bron):
    """`bron()` returns a dict merged into the context of every mail (before the caller's
    own keys, which win)."""
    if bron not in _context_bronnen:
        _context_bronnen.append(bron)


def _html(sjabloon: str, context: dict) -> str | None:
    try:
        template = get_template(f"{sjabloon}.html")
    except TemplateDoesNotExist:
        return None
    return template.render(context)


def bouw_mail(
    sjabloon: str,
    aan: str,
    context: dict,
    *,
    taal: str | None = None,
    headers: dict | None = None,
    connection=None,
) -> EmailMultiAlternatives:
    """The mail `sjabloon` (e.g. "groepen/email/aangemeld") to address `aan`, not sent.

    `taal` is the recipient's language; people do not choose one yet, so it defaults to
    the site's (LANGUAGE_CODE). The templates also get `site_url` for absolute links and
    what registreer_context added (`academie`: the academy's name and contact details).
    """
    extra = {}
    for bron in _context_bronnen:
        extra.update(bron())
    context = {"site_url": settings.SITE_URL, **extra, **context}
    with translation.override(taal or settings.LANGUAGE_CODE):
        onderwerp = render_to_string(f"{sjabloon}_onderwerp.txt", context)
        tekst = render_to_string(f"{sjabloon}.txt", context)
        html = _html(sjabloon, context)
    prefix = getattr(settings, "ACCOUNT_EMAIL_SUBJECT_PREFIX", "")
    bericht = EmailMultiAlternatives(
        subject=prefix + " ".join(onderwerp.split()),
        body=tekst,
        to=[aan],
        connection=connection,
        headers=headers,
    )
    if html is not None:
        bericht.attach_alternative(html, "text/html")
    return bericht
