import datetime

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP
from django.utils import timezone

from deelnemers.models import User
from groepen.models import Aanbod, Bijeenkomst, Groep, Lidmaatschap, Locatie

PASSWORD = "een-goed-wachtwoord-42"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persoon{n}@example.org")
    roepnaam = factory.Sequence(lambda n: f"Persoon {n}")

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_password(extracted or PASSWORD)
        if create:
            self.save(update_fields=["password"])
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)

    @factory.post_generation
    def mfa(self, create, extracted, **kwargs):
        if create and extracted:
            TOTP.activate(self, TOTP_SECRET)


class LocatieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Locatie

    naam = factory.Sequence(lambda n: f"Buurthuis {n}")
    straat = "Lindelaan 12"
    postcode = "6511 AB"
    plaats = "Nijmegen"


def plek(naam: str) -> str:
    """The pk (as posted by a select) of the location with this name; made when needed."""
    return str(Locatie.objects.get_or_create(naam=naam)[0].pk)


def gekozen(response, naam: str) -> bool:
    """The location `naam` is the chosen option of a select on the page."""
    return f"selected>{naam}</option>" in response.content.decode()


class AanbodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Aanbod

    titel = factory.Sequence(lambda n: f"Cursus {n}")
    soort = Aanbod.Soort.CURSUS
    beschrijving = "Samen leren van ervaringen."


class GroepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Groep

    aanbod = factory.SubFactory(AanbodFactory)
    naam = factory.Sequence(lambda n: f"Groep {n}")
    locatie = "Buurthuis"
    startdatum = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=7))
    einddatum = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=49))


class LidmaatschapFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lidmaatschap

    groep = factory.SubFactory(GroepFactory)
    user = factory.SubFactory(UserFactory)
    rol = Lidmaatschap.Rol.DEELNEMER


class BijeenkomstFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bijeenkomst

    groep = factory.SubFactory(GroepFactory)
    begint_om = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=1))
    eindigt_om = factory.LazyAttribute(lambda o: o.begint_om + datetime.timedelta(hours=2))


def benoem_moderator(user, ruimte, door=None):
    """A moderator role for this community space, started today as a coordinator would
    (groepen/rollen.py): the role's group is the space's group, none for the academy-wide
    space."""
    from groepen.models import Vrijwilligersrol
    from groepen.rollen import start_rol

    return start_rol(user, Vrijwilligersrol.Soort.MODERATOR, groep=ruimte.groep, door=door)
