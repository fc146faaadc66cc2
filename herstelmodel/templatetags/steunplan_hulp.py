"""The person's own support plan inside the help box (templates/_hulp_nu.html).

The box shows when something a person wrote has signal words: as a message tagged
lib.hulp.HULP_TAG (base.html), or through a page's own `hulp_nu` flag (a reflection, a
community thread). Only then does this tag look up the plan: one query, and none at all
on the many pages that show no help box. Elsewhere (the community guidelines show the
numbers as general information) it adds nothing.
"""

from django import template
from django.urls import reverse

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
        "delen": steunplan.delen_van(plan),
        "steunplan_url": reverse("steunplan"),
    }
