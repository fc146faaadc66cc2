"""A thread's posts as HTML, built in Python: {% berichten_html berichten draad demper %}.

Why not a template include per post: Django's template engine spends about 1 ms on every
post drawn with `{% include %}` (variable lookups, two nested includes, the filters), which
made a page of 50 posts 14x the bare view (docs/performance.md, "Rendering in Python").
The markup is the same as the template it replaces. Everything a person wrote is escaped
by format_html / conditional_escape, or by urlize and linebreaks (with autoescape), as the
template's {{ }} did; translated text comes from the same message ids.
"""

from django import template
from django.template.defaultfilters import linebreaks_filter, urlize
from django.urls import reverse
from django.utils.dates import MONTHS
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import gettext, ngettext

from nazorg import rust

register = template.Library()

# A post number no page has: reverse() runs once per page and each post's number takes
# its place (reverse costs ~15 us, three per post).
_STANDIN = 918_273_645


def _urls(naam):
    voor, na = reverse(naam, args=[_STANDIN]).split(str(_STANDIN))
    return lambda pk: f"{voor}{pk}{na}"


def _datum(waarde) -> str:
    # The same as {{ waarde|date:"j F, H:i" }} (in the current time zone, the month's name
    # in the current language), without the general formatter, which took ~30 us a date.
    lt = template_localtime(waarde)
    return f"{lt.day} {MONTHS[lt.month]}, {lt:%H:%M}"


# urlize only makes a link of a word with one of these (its patterns: http(s)://, www.,
# a name ending in one of seven top-level domains, an e-mail address). Most posts have
# none, and for those urlize's word-by-word pass is the same as escaping the whole text.
_LINK_TEKENS = ("http", "www.", "@", ".com", ".edu", ".gov", ".int", ".mil", ".net", ".org")


def _urlize(tekst) -> str:
    klein = tekst.lower()
    if any(teken in klein for teken in _LINK_TEKENS):
        return urlize(tekst, autoescape=True)
    return escape(tekst)


def _tekst(tekst) -> str:
    # As {{ tekst|urlize|linebreaks }} with autoescape on: urlize escapes, linebreaks then
    # leaves the (safe) result as it is.
    return linebreaks_filter(_urlize(tekst), autoescape=True)


def _auteur(bericht) -> str:
    # auteur_roepnaam: annotated by community.berichten_in (no User row per post).
    if bericht.anoniem or bericht.auteur_id is None:
        return gettext("a participant")
    return bericht.auteur_roepnaam


def _inhoud(bericht) -> str:
    delen = ""
    if bericht.delen:
        stukken = []
        for deel in bericht.delen:
            kop = format_html("<h3>{}</h3>", deel.titel) if deel.titel else ""
            stukken.append(kop + _tekst(deel.tekst))
        delen = format_html(
            '\n<details class="getuigenis">\n<summary>{}</summary>\n{}\n</details>',
            gettext("My story"),
            mark_safe("\n".join(stukken)),  # noqa: S308 - built from escaped parts above
        )
    return format_html('<div class="bericht-tekst">{}</div>{}', _tekst(bericht.tekst), delen)


def _kop(bericht) -> str:
    bewerkt = ""
    if bericht.bewerkt_op and not bericht.teruggenomen_op:
        op = conditional_escape(_datum(bericht.bewerkt_op))
        bewerkt = format_html(
            ' · <span class="bewerkt">{}</span>',
            mark_safe(gettext("changed %(op)s") % {"op": op}),  # noqa: S308 - op is escaped
        )
    return format_html(
        '<p class="muted" id="auteur-{}"><strong>{}</strong> · {}{}</p>',
        bericht.pk,
        _auteur(bericht),
        _datum(bericht.aangemaakt_op),
        bewerkt,
    )


def _wacht(bericht) -> str:
    if bericht.status != "vastgehouden":
        return ""
    if bericht.door_meldingen:
        tekst = gettext(
            "A few members asked a facilitator to look at this message. Until a facilitator "
            "has looked, only you can see it. This is not a judgement about you: it happens "
            "when nobody is looking in for a while."
        )
    else:
        tekst = gettext("Waiting for a facilitator. Only you can see this for now.")
    return format_html('<p class="notice">{}</p>', tekst)


def _lichaam(bericht, demper) -> str:
    # Folded for this reader when it has one of their muted words (nazorg/rust.py).
    if bericht.teruggenomen_op:
        return format_html(
            '<p class="teruggenomen muted"><em>{}</em></p>',
            gettext("This person took back their message."),
        )
    if isinstance(demper, rust.Demper) and demper.vouwt_bericht(bericht):
        return format_html(
            '<details class="gevouwen">\n<summary>{}</summary>\n{}\n</details>',
            gettext("This message has a word you muted. Open to read it."),
            _inhoud(bericht),
        )
    return _inhoud(bericht)


def _versies(bericht, draad) -> str:
    if not draad.moderator:
        return ""
    versies = list(bericht.versies.all())
    if not versies:
        return ""
    n = len(versies)
    samenvatting = ngettext(
        "%(n)s earlier version (only for facilitators)",
        "%(n)s earlier versions (only for facilitators)",
        n,
    ) % {"n": n}
    stukken = []
    for versie in versies:
        op = conditional_escape(_datum(versie.vervangen_op))
        titel = format_html("<p><strong>{}</strong></p>", versie.titel) if versie.titel else ""
        stukken.append(
            format_html(
                '<div class="versie">\n<p class="muted">{}</p>\n{}\n{}\n</div>',
                mark_safe(gettext("Replaced %(op)s") % {"op": op}),  # noqa: S308 - escaped
                titel,
                linebreaks_filter(versie.tekst, autoescape=True),
            )
        )
    return format_html(
        '<details class="versies">\n<summary>{}</summary>\n{}\n</details>',
        samenvatting,
        mark_safe("\n".join(stukken)),  # noqa: S308 - built with format_html above
    )


def _acties(bericht, draad, user_pk, csrf, urls) -> str:
    delen = []
    if (
        bericht.auteur_id == user_pk
        and not bericht.teruggenomen_op
        and bericht.status != "verborgen"
    ):
        delen.append(
            format_html(
                '<p class="bericht-eigen"><a href="{}" aria-describedby="auteur-{}">{}</a></p>',
                urls["bericht_bewerken"](bericht.pk),
                bericht.pk,
                gettext("Change or take back"),
            )
        )
    zichtbaar = bericht.status == "zichtbaar" and draad.status == "zichtbaar"
    if zichtbaar and not bericht.teruggenomen_op:
        if bericht.auteur_id == user_pk:
            binnen = ""
            if bericht.aantal_herken:
                n = bericht.aantal_herken
                binnen = format_html(
                    '<p class="muted">{}</p>',
                    ngettext("%(n)s person recognises this", "%(n)s people recognise this", n)
                    % {"n": n},
                )
        else:
            binnen = format_html(
                '<form method="post" action="{}" class="herken-ik-form">\n{}\n'
                '<button type="submit" class="button-quiet" aria-pressed="{}">{} '
                '<span class="herken-aantal">{}</span></button>\n</form>\n'
                '<a href="{}" class="melden-link">{}</a>',
                urls["herken_ik"](bericht.pk),
                csrf,
                "true" if bericht.herken_ik_zelf else "false",
                gettext("I recognise this"),
                bericht.aantal_herken,
                urls["melden"](bericht.pk),
                gettext("Report"),
            )
        delen.append(format_html('<div class="bericht-acties">\n{}\n</div>', binnen))
    return "\n".join(delen)


def bericht_html(bericht, draad, demper, user_pk, csrf, urls) -> str:
    delen = [
        _kop(bericht),
        _wacht(bericht),
        _lichaam(bericht, demper),
        _versies(bericht, draad),
        _acties(bericht, draad, user_pk, csrf, urls),
    ]
    return format_html(
        '<article class="card bericht" id="bericht-{}" aria-labelledby="auteur-{}">'
        "\n{}\n</article>",
        bericht.pk,
        bericht.pk,
        mark_safe("\n".join(d for d in delen if d)),  # noqa: S308 - every part is escaped
    )


@register.simple_tag(takes_context=True)
def berichten_html(context, berichten, draad, demper):
    """The posts of one page of a thread, for the person looking."""
    request = context.get("request")
    user = getattr(request, "user", None)
    user_pk = user.pk if user is not None and user.is_authenticated else None
    # As {% csrf_token %}: one token for every form on the page.
    token = context.get("csrf_token")
    csrf = (
        format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', token)
        if token and token != "NOTPROVIDED"  # noqa: S105 - Django's "no token" marker
        else ""
    )
    urls = {naam: _urls(naam) for naam in ("bericht_bewerken", "herken_ik", "melden")}
    return mark_safe(  # noqa: S308 - every post is built with format_html
        "\n".join(bericht_html(b, draad, demper, user_pk, csrf, urls) for b in berichten)
    )
