"""The group page's meeting cards as HTML, built in Python:
{% bijeenkomst_kaarten bijeenkomsten afmeldbaar=… schrijfbaar=… %}.

Why not `{% include %}` per meeting: the card has a dozen tags, dates, links and
translations, and rendering them through Django's template engine, once per meeting,
was the larger part of the group page's time (9x the bare view). The markup is the
same as the template it replaces (groepen/groep/_bijeenkomst.html before); translated
text comes from the same message ids and, as {% translate %} does, is not escaped;
everything else is escaped by format_html or conditional_escape, as {{ }} did.
"""

from django import template
from django.urls import reverse
from django.utils import formats
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import gettext, ngettext

register = template.Library()

# A meeting number no page has: reverse() runs once per page and each meeting's number
# takes its place (as nazorg/templatetags/draad_html.py does).
_STANDIN = 918_273_645


def _url(naam):
    voor, na = reverse(naam, args=[_STANDIN]).split(str(_STANDIN))
    return lambda pk: f"{voor}{pk}{na}"


def _datum(waarde, formaat) -> str:
    # {{ waarde|date:formaat }}: in the current time zone and language.
    return formats.date_format(template_localtime(waarde), formaat)


def _tijd(waarde) -> str:
    return formats.time_format(template_localtime(waarde), "H:i")


def _plaats(plaats) -> str:
    # groepen/_plaats.html: a Locatie as a link to its page, or the old free text.
    url = getattr(plaats, "get_absolute_url", None)
    url = url() if callable(url) else url
    if url:
        return format_html('<a href="{}">{}</a>', url, plaats.naam)
    return conditional_escape(plaats)


class _Kaart:
    """What is the same for every card on the page: links, texts, the form's token."""

    def __init__(self, context, afmeldbaar, schrijfbaar):
        self.afmeldbaar = afmeldbaar
        self.schrijfbaar = schrijfbaar
        self.mag_registreren = context.get("mag_registreren")
        # Literal gettext calls, so makemessages keeps finding these message ids. Not
        # escaped, as the translate tag does not escape a literal's translation.
        self.t = {
            "geannuleerd": gettext("Cancelled"),
            "verplaatst": gettext("Moved"),
            "afgemeld": gettext("You have let us know you can't come."),
            "toch": gettext("I can come after all"),
            "niet": gettext("I can't come"),
            "reflectie": gettext("Write a reflection"),
            "herkenning": gettext("Note a moment of recognition"),
            "wijzig": gettext("Change attendance"),
            "sessielog": gettext("Session log"),
            "leeg": gettext("Attendance not filled in yet."),
            "vul_in": gettext("Fill in attendance"),
        }
        if afmeldbaar:
            self.afmelden = _url("bijeenkomst_afmelden")
            token = context.get("csrf_token")
            self.csrf = (
                format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', token)
                if token and token != "NOTPROVIDED"  # noqa: S105 - as {% csrf_token %}
                else ""
            )
            request = context.get("request")
            self.next = conditional_escape(request.get_full_path() if request else "")
        if schrijfbaar:
            self.reflectie = conditional_escape(reverse("reflectie_nieuw"))
            self.herkenning = conditional_escape(reverse("herkenning_nieuw"))
        if self.mag_registreren:
            self.aanwezigheid = _url("aanwezigheid")
            self.sessielog = _url("sessielog")

    def html(self, b) -> str:
        t = self.t
        pk = b.pk
        dag = conditional_escape(_datum(b.begint_om, "l j F"))
        regels = [
            f'<li class="card{" bijeenkomst-geannuleerd" if b.geannuleerd else ""}">',
            f'<p class="card-title" id="bijeenkomst-{pk}"><time datetime="'
            f'{conditional_escape(_datum(b.begint_om, "c"))}">{dag}</time></p>',
        ]
        tijden = gettext("%(begin)s to %(eind)s") % {
            "begin": conditional_escape(_tijd(b.begint_om)),
            "eind": conditional_escape(_tijd(b.eindigt_om)),
        }
        plaats = b.plaats
        regels.append(f"<p>{tijden}{f' · {_plaats(plaats)}' if plaats else ''}</p>")
        if b.geannuleerd:
            regels.append(f"<p><strong>{t['geannuleerd']}</strong></p>")
        elif b.verplaatst:
            was = gettext("(first planned for %(was)s)") % {
                "was": conditional_escape(_datum(b.oorspronkelijk_begint_om, "l j F, H:i"))
            }
            regels.append(
                f'<p><strong>{t["verplaatst"]}</strong> <span class="muted">{was}</span></p>'
            )
        beschreven = f'aria-describedby="bijeenkomst-{pk}"'
        if self.afmeldbaar and not b.geannuleerd:
            regels.append(
                f'<form method="post" action="{self.afmelden(pk)}" class="afmelden">'
                f'{self.csrf}<input type="hidden" name="next" value="{self.next}">'
            )
            if getattr(b, "afgemeld", False):
                regels.append(
                    f"<p><strong>{t['afgemeld']}</strong></p>"
                    '<input type="hidden" name="ongedaan" value="1">'
                    f'<button type="submit" class="button button-quiet" aria-label="'
                    f'{t["toch"]}: {dag}">{t["toch"]}</button>'
                )
            else:
                regels.append(
                    f'<button type="submit" class="button button-quiet" aria-label="'
                    f'{t["niet"]}: {dag}">{t["niet"]}</button>'
                )
            regels.append("</form>")
        if self.schrijfbaar and not b.geannuleerd:
            regels.append(
                f'<p><a href="{self.reflectie}?bijeenkomst={pk}" {beschreven}>'
                f"{t['reflectie']}</a> · "
                f'<a href="{self.herkenning}?bijeenkomst={pk}" {beschreven}>'
                f"{t['herkenning']}</a></p>"
            )
        if self.mag_registreren and getattr(b, "registreerbaar", False):
            aanwezigheid, sessielog = self.aanwezigheid(pk), self.sessielog(pk)
            telling = b.telling
            if telling.ingevuld:
                tekst = gettext(
                    "%(aanwezig)s present · %(afgemeld)s let us know · %(afwezig)s absent"
                ) % {
                    "aanwezig": telling.aanwezig,
                    "afgemeld": telling.afgemeld,
                    "afwezig": telling.afwezig,
                }
                regels.append(
                    f'<p class="telling">{tekst}</p>'
                    f'<p><a href="{aanwezigheid}" {beschreven}>{t["wijzig"]}</a> · '
                    f'<a href="{sessielog}" {beschreven}>{t["sessielog"]}</a></p>'
                )
            else:
                regels.append(
                    f'<p class="muted">{t["leeg"]}</p>'
                    f'<p><a class="button button-quiet" href="{aanwezigheid}" {beschreven}>'
                    f'{t["vul_in"]}</a> <a href="{sessielog}" {beschreven}>'
                    f"{t['sessielog']}</a></p>"
                )
        regels.append("</li>")
        return "\n".join(regels)


@register.simple_tag(takes_context=True)
def bijeenkomst_kaarten(context, bijeenkomsten, afmeldbaar=False, schrijfbaar=False):
    kaart = _Kaart(context, afmeldbaar, schrijfbaar)
    # Every part above is escaped (conditional_escape, format_html) or our own markup.
    return mark_safe("".join(kaart.html(b) for b in bijeenkomsten))  # noqa: S308


@register.simple_tag
def deelnemer_kaarten(deelnemers):
    """The participants with their attendance, for the group's facilitators: one card
    each, as the template's loop drew them (the same message ids), built here for the
    same reason as the meeting cards."""
    voltooid, niet_voltooid = gettext("Completed the course"), gettext("Not completed yet")
    kaarten = []
    for lid in deelnemers:
        v = lid.voortgang
        if v.gehouden == v.totaal:
            tekst = ngettext(
                "Present at %(x)s of %(n)s meeting", "Present at %(x)s of %(n)s meetings", v.totaal
            ) % {"x": v.aanwezig, "n": v.totaal}
        else:
            tekst = ngettext(
                "Present at %(x)s of %(n)s meeting so far",
                "Present at %(x)s of %(n)s meetings so far",
                v.gehouden,
            ) % {"x": v.aanwezig, "n": v.gehouden}
        cursus = ""
        if v.cursus:
            cursus = f'\n<p class="muted">{voltooid if v.voltooid else niet_voltooid}</p>'
        kaarten.append(
            f'<li class="card">\n<p class="card-title">'
            f"{conditional_escape(lid.user.get_short_name())}</p>\n<p>{tekst}</p>{cursus}\n</li>"
        )
    # Names escaped above; the rest is our own text and numbers.
    return mark_safe("\n".join(kaarten))  # noqa: S308
