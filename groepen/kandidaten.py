"""Whom a coordinator can find to add as a facilitator of a group.

Candidates are people who are or were a facilitator of any group, or a volunteer: the
academy's own facilitators. Someone who only ever took part is never listed (a
coordinator can still add anyone by their exact email address, as before). People who
already have a place in this group are left out: they are its facilitator already, or
take part in it, and nobody can be both.
"""

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q, QuerySet

from .models import Groep, Lidmaatschap

MAX_TREFFERS = 20
MAX_ZOEKTEKST = 100


def kandidaten(groep: Groep) -> QuerySet:
    """Every person who may be picked from the list for this group (one query when used)."""
    facilitator_of_vrijwilliger = Lidmaatschap.objects.filter(
        Q(rol=Lidmaatschap.Rol.FACILITATOR) | Q(vrijwilliger=True)
    ).values("user")
    al_in_groep = (
        Lidmaatschap.objects.filter(groep=groep)
        .exclude(status=Lidmaatschap.Status.UITGESCHREVEN)
        .values("user")
    )
    return (
        get_user_model()
        .objects.filter(
            is_active=True, verwijderd_op__isnull=True, pk__in=facilitator_of_vrijwilliger
        )
        .exclude(pk__in=al_in_groep)
    )


def zoek(groep: Groep, tekst: str) -> dict:
    """Candidates whose name or email contains `tekst`, by name; at most MAX_TREFFERS.

    Returns the cleaned search text, the people (each with `was_vrijwilliger`) and whether
    more matched than are shown. No search text, no list. One query.
    """
    # PostgreSQL refuses a NUL character in a query; nobody types one in a name.
    tekst = " ".join(tekst.replace("\x00", "").split())[:MAX_ZOEKTEKST]
    if not tekst:
        return {"zoek": "", "kandidaten": [], "meer_kandidaten": False}
    gevonden = list(
        kandidaten(groep)
        .filter(Q(roepnaam__icontains=tekst) | Q(email__icontains=tekst))
        .annotate(
            was_vrijwilliger=Exists(
                Lidmaatschap.objects.filter(user=OuterRef("pk"), vrijwilliger=True)
            )
        )
        .order_by("roepnaam", "email", "pk")[: MAX_TREFFERS + 1]
    )
    return {
        "zoek": tekst,
        "kandidaten": gevonden[:MAX_TREFFERS],
        "meer_kandidaten": len(gevonden) > MAX_TREFFERS,
    }
