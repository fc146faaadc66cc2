"""'We missen je' (nazorg/missen.py): the message and 'ik stop liever' behind signed links,
a facilitator marking a signal handled, and the person's choice."""

from . import Case, logged_in, same

A, OUT, D, F, C = "anonymous", "outsider", "deelnemer", "facilitator", "coordinator"


def _signaal(world):
    from nazorg.models import Missen

    signaal, _ = Missen.objects.get_or_create(
        user=world.deelnemer,
        groep=world.groep,
        soort=Missen.Soort.AFWEZIG,
        bijeenkomst=world.geweest,
        defaults={"sinds": world.geweest.begint_om},
    )
    return signaal


def _token(salt_naam):
    def kwargs(world):
        from nazorg import missen_bericht

        salt = getattr(missen_bericht, salt_naam)
        return {"token": missen_bericht.maak_token(_signaal(world).pk, salt)}

    return kwargs


EXPECTED = {
    # Signed links from the message work without login, for whoever holds them.
    "missen_bericht": Case(same(200), kwargs=_token("BERICHT_SALT")),
    "missen_stop": Case(same(200), kwargs=_token("STOP_SALT")),
    # Only the group's facilitators; for anyone else the signal does not exist (no
    # names for coordinators). An empty form sends the facilitator back home.
    "missen_afhandelen": Case(
        {**logged_in(404), F: 302}, kwargs=lambda w: {"pk": _signaal(w).pk}, method="post"
    ),
    "missen_voorkeur": Case(logged_in(302), method="post"),
}
