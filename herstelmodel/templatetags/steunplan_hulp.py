"""The person's own support plan inside the help box (templates/_hulp_nu.html).

The box shows when something a person wrote has signal words: as a message tagged
lib.hulp.HULP_TAG (base.html), or through a page's own `hulp_nu` flag (a reflection, a
community thread). Only then does this tag look up the plan: one query, and none at all
on the many pages that show no help box. Elsewhere (the community guidelines show the
numbers as general information) it adds nothing.
"""

import re

from django import template
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from lib.hulp import HULP_TAG

from .. import steunplan

register = template.Library()


def _om_een_signaal(context) -> bool:
    bericht = context.get("message")
    return bool(context.get("hulp_nu")) or getattr(bericht, "extra_tags", None) == HULP_TAG


@register.inclusion_tag("herstelmodel/steunplan/_in_hulp.html", takes_context=True)
def steunplan_in_hulp(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not _om_een_signaal(context):
        return {"tonen": False}
    match = getattr(request, "resolver_match", None)
    if match is not None and match.url_name == "steunplan":
        # The plan itself is right below the box on this page.
        return {"tonen": True, "hier": True}
    plan = steunplan.plan_van(user)
    return {
        "tonen": True,
        "delen": steunplan.delen_voor_hulp(plan),
        "steunplan_url": reverse("steunplan"),
    }


# A phone number as people write it: 06-12345678, 010 123 45 67, +31 6 1234 5678. Never
# across a line break (each person on their own line stays their own number).
_NUMMER = re.compile(r"(?<![\w+])\+?\d[\d \-()]{6,}\d(?!\w)")


def _is_telefoonnummer(stuk: str) -> bool:
    # Dutch numbers have 10 digits with the leading 0; with a country code up to 13.
    # Shorter runs are dates, times or amounts ("12-03-2026"), so they stay text.
    return stuk.startswith(("0", "+")) and 10 <= len(re.sub(r"\D", "", stuk)) <= 13


@register.filter
def bel_links(tekst: str):
    """The text as written (escaped, line breaks kept), with phone numbers as tel: links,
    so that on a phone one tap calls the person."""
    tekst = str(tekst or "")
    stukken, vanaf = [], 0
    for match in _NUMMER.finditer(tekst):
        if not _is_telefoonnummer(match.group()):
            continue
        nummer = ("+" if match.group().startswith("+") else "") + re.sub(r"\D", "", match.group())
        stukken.append(escape(tekst[vanaf : match.start()]))
        stukken.append(format_html('<a href="tel:{}">{}</a>', nummer, match.group()))
        vanaf = match.end()
    stukken.append(escape(tekst[vanaf:]))
    return mark_safe("".join(stukken).replace("\n", "<br>"))  # noqa: S308 - escaped above
