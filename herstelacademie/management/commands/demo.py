"""Create a small, living demo academy (idempotent).

All demo accounts use the password below; the demo facilitator and coordinator have
two-step verification with a fixed TOTP secret so people and tools can log in.
"""

import datetime

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from deelnemers.models import User
from groepen.models import Aanbod, Bijeenkomst, Groep, Lidmaatschap

DEMO_PASSWORD = "herstel-demo-2026"  # noqa: S105 - documented demo password
DEMO_TOTP_SECRET = "HERSTELACADEMIEDEMOTOTPGEHEIM234"  # noqa: S105 - documented

ACCOUNTS = [
    # email, roepnaam, coordinator, needs MFA
    ("deelnemer@demo.nl", "Sam", False, False),
    ("deelnemer2@demo.nl", "Noor", False, False),
    ("facilitator@demo.nl", "Ruben", False, True),
    ("coordinator@demo.nl", "Inge", True, True),
]
# More participants so groups feel alive; they cannot log in (unusable password).
EXTRA_DEELNEMERS = ["Fatima", "Joost", "Ayla", "Mees", "Linda", "Kees", "Yara", "Bram", "Esra"]

AANBOD = [
    (
        "WRAP – Herstel in eigen hand",
        Aanbod.Soort.CURSUS,
        "In acht bijeenkomsten maak je je eigen plan: wat helpt jou om je goed te voelen, "
        "en wat doe je als het even minder gaat? Je leert van elkaars ervaringen.",
    ),
    (
        "Kennismaken met herstel",
        Aanbod.Soort.CURSUS,
        "Een korte cursus voor wie wil ontdekken wat herstel voor hem of haar kan betekenen.",
    ),
    (
        "Herstelgroep Stemmen horen",
        Aanbod.Soort.HERSTELGROEP,
        "Een doorlopende groep voor mensen die stemmen horen. Je deelt wat je wilt, "
        "in je eigen tempo.",
    ),
    (
        "Inloop",
        Aanbod.Soort.INLOOP,
        "Loop binnen voor koffie, een praatje of gewoon even rust. Aanmelden hoeft niet.",
    ),
]


MAANDAG, DINSDAG, DONDERDAG = 0, 1, 3


def op_weekdag(datum: datetime.date, weekdag: int) -> datetime.date:
    """The given weekday in the same week as `datum` (Monday-based)."""
    return datum + datetime.timedelta(days=weekdag - datum.weekday())


class Command(BaseCommand):
    help = "Create the demo academy and demo accounts (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Also run when DEBUG is off (never in production)."
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "Refusing to create demo accounts with DEBUG off. Use --force if you are sure."
            )
        with transaction.atomic():
            users = {email: self._account(email, *rest) for email, *rest in ACCOUNTS}
            extra = [self._extra(naam) for naam in EXTRA_DEELNEMERS]
            aanbod = {titel: self._aanbod(titel, soort, tekst) for titel, soort, tekst in AANBOD}
            self._groepen(users, extra, aanbod)
        self.stdout.write(self.style.SUCCESS("Demo academy ready. Password: " + DEMO_PASSWORD))

    def _account(self, email, roepnaam, coordinator, mfa):
        user, created = User.objects.get_or_create(
            email=email, defaults={"roepnaam": roepnaam, "is_coordinator": coordinator}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        has_totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        if mfa and not has_totp:
            TOTP.activate(user, DEMO_TOTP_SECRET)
            RecoveryCodes.activate(user)
        return user

    def _extra(self, roepnaam):
        email = f"{roepnaam.lower()}@demo.nl"
        user, created = User.objects.get_or_create(email=email, defaults={"roepnaam": roepnaam})
        if created:
            user.set_unusable_password()
            user.save()
        return user

    def _aanbod(self, titel, soort, tekst):
        obj, _ = Aanbod.objects.get_or_create(
            titel=titel, defaults={"soort": soort, "beschrijving": tekst}
        )
        return obj

    def _groepen(self, users, extra, aanbod):
        vandaag = timezone.localdate()
        facilitator = users["facilitator@demo.nl"]
        sam, noor = users["deelnemer@demo.nl"], users["deelnemer2@demo.nl"]

        # A WRAP course on Tuesdays, halfway: 8 weekly meetings of 2.5 hours.
        wrap_start = op_weekdag(vandaag - datetime.timedelta(weeks=3), DINSDAG)
        wrap = self._groep(
            aanbod["WRAP – Herstel in eigen hand"],
            "WRAP – dinsdagmiddag",
            "Buurthuis De Linde, zaal 2",
            wrap_start,
            wrap_start + datetime.timedelta(weeks=7),
        )
        self._reeks(wrap, wrap_start, 8, datetime.time(13, 30), minutes=150)
        self._leden(wrap, facilitator, [sam, noor, *extra[:6]])

        # An ongoing recovery group every Thursday evening.
        stemmen_start = op_weekdag(vandaag - datetime.timedelta(weeks=10), DONDERDAG)
        stemmen = self._groep(
            aanbod["Herstelgroep Stemmen horen"],
            "Stemmen horen – donderdag",
            "Herstelacademie, huiskamer",
            stemmen_start,
            None,
        )
        self._reeks(stemmen, stemmen_start, 16, datetime.time(19, 0), minutes=120)
        self._leden(stemmen, facilitator, [sam, *extra[5:]])

        # A short course that starts next month, so there is something to look forward to.
        kennis_start = op_weekdag(vandaag + datetime.timedelta(weeks=4), MAANDAG)
        kennis = self._groep(
            aanbod["Kennismaken met herstel"],
            "Kennismaken met herstel – maandagochtend",
            "Herstelacademie, leslokaal",
            kennis_start,
            kennis_start + datetime.timedelta(weeks=3),
        )
        self._reeks(kennis, kennis_start, 4, datetime.time(10, 0), minutes=120)
        self._leden(kennis, facilitator, [noor])

    def _groep(self, aanbod, naam, locatie, start, eind):
        groep, _ = Groep.objects.get_or_create(
            naam=naam,
            defaults={"aanbod": aanbod, "locatie": locatie, "startdatum": start, "einddatum": eind},
        )
        return groep

    def _reeks(self, groep, start, aantal, tijd, minutes):
        if groep.bijeenkomsten.exists():
            return
        tz = timezone.get_current_timezone()
        Bijeenkomst.objects.bulk_create(
            Bijeenkomst(
                groep=groep,
                begint_om=(
                    begin := datetime.datetime.combine(
                        start + datetime.timedelta(weeks=i), tijd, tzinfo=tz
                    )
                ),
                eindigt_om=begin + datetime.timedelta(minutes=minutes),
            )
            for i in range(aantal)
        )

    def _leden(self, groep, facilitator, deelnemers):
        Lidmaatschap.objects.get_or_create(
            groep=groep, user=facilitator, defaults={"rol": Lidmaatschap.Rol.FACILITATOR}
        )
        for user in deelnemers:
            Lidmaatschap.objects.get_or_create(
                groep=groep, user=user, defaults={"rol": Lidmaatschap.Rol.DEELNEMER}
            )
