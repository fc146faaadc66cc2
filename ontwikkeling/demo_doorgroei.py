"""Demo data for giving back (issue 16, called by `manage.py demo`): Noor would like to
help out, so Inge finds one open wish on her list. Idempotent."""

from doorgroei.models import Meehelpwens


def wensen(noor) -> None:
    """One open wish to help, from Noor (deelnemer2@demo.nl)."""
    if Meehelpwens.objects.filter(user=noor).exists():
        return
    Meehelpwens.objects.create(
        user=noor,
        manieren=[Meehelpwens.Manier.BUDDY, Meehelpwens.Manier.GASTHEER],
        anders="Thee zetten en mensen welkom heten.",
        wanneer="Vrijdagochtend, om de week",
    )


def alles(users) -> None:
    """Everything of giving back in the demo (issue 16), one call from the demo command."""
    from ontwikkeling import demo_doorgroei_groei, demo_doorgroei_uitkomst, demo_doorgroei_voorstel

    demo_doorgroei_groei.maak_groei_demo(users)
    wensen(users["deelnemer2@demo.nl"])
    demo_doorgroei_voorstel.voorstel_in_gesprek(users)
    demo_doorgroei_uitkomst.maak_checkins()
