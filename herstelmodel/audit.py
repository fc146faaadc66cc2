"""herstelmodel on the audit trail: the first read of a shared reflection, and how such a
read is told to the author.

Facilitators' reads of shared reflections are logged and shown to the participant
(DESIGN principle 2). Every read is kept as a Leesmoment; the trail holds the first read
per reader per reflection, with ids and short codes only, never the text. Connected from
HerstelmodelConfig.ready().
"""

from django.db.models.signals import post_save
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit import registry
from audit.log import record
from audit.models import AuditEvent
from audit.weergave import naam
from groepen.models import Lidmaatschap

from .models import Leesmoment, Reflectie

Soort = AuditEvent.Soort
EIGEN_REFLECTIES = "herstelmodel.eigen_reflecties"


def na_leesmoment(sender, instance, created, raw=False, **kwargs):
    """Every read is kept as a Leesmoment (the author sees them all); the trail needs
    only the first read per reader per reflection."""
    if not created or raw:
        return
    eerder = sender.objects.filter(reflectie_id=instance.reflectie_id, lezer_id=instance.lezer_id)
    if eerder.exclude(pk=instance.pk).exists():
        return
    reflectie = instance.reflectie
    als_facilitator = (
        reflectie.groep_id is not None
        and Lidmaatschap.objects.facilitators()
        .filter(user_id=instance.lezer_id, groep_id=reflectie.groep_id)
        .exists()
    )
    record(
        Soort.REFLECTIE_GELEZEN,
        actor=instance.lezer,
        betreft=reflectie.auteur,
        reflectie=reflectie.pk,
        groep=reflectie.groep_id,
        als="facilitator" if als_facilitator else "lid",
    )


def eigen_reflecties(events, ik) -> dict:
    """When the viewer wrote the reflections read on this page (one query, none without
    such reads). The scoped queryset: only the viewer's own entries get a date and link."""
    ids = {
        e.details.get("reflectie")
        for e in events
        if e.soort == Soort.REFLECTIE_GELEZEN and e.betreft_id == ik.pk
    } - {None}
    if not ids:
        return {}
    return dict(Reflectie.objects.van(ik).filter(pk__in=ids).values_list("pk", "aangemaakt_op"))


def gelezen_zin(event, ik, gevonden) -> tuple[str, str]:
    d = event.details
    if event.betreft_id != ik.pk:
        return _("You read a reflection %(naam)s shared.") % {"naam": naam(event.betreft)}, ""
    geschreven = gevonden.get(EIGEN_REFLECTIES, {}).get(d.get("reflectie"))
    lezer = naam(event.actor)
    if d.get("als") == "facilitator":
        lezer = _("%(naam)s (facilitator)") % {"naam": lezer}
    if geschreven is None:  # deleted since
        return _("%(naam)s read a reflection you shared earlier.") % {"naam": lezer}, ""
    datum = formats.date_format(timezone.localtime(geschreven), "j F Y")
    tekst = _("%(naam)s read your shared reflection of %(datum)s.") % {
        "naam": lezer,
        "datum": datum,
    }
    return tekst, reverse("reflectie_detail", kwargs={"pk": d["reflectie"]})


def connect():
    post_save.connect(na_leesmoment, sender=Leesmoment, dispatch_uid="herstelmodel.audit.lees")
    registry.add_lookup(EIGEN_REFLECTIES, eigen_reflecties)
    # The sentence names the reader itself.
    registry.add_sentence(Soort.REFLECTIE_GELEZEN, gelezen_zin, says_who=True)
    registry.add_detail_label("reflectie", gettext_lazy("reflection"))
    registry.add_detail_label("als", gettext_lazy("as"))
