"""What nazorg exports and erases for one person (registered with lib.privacy): the
community (conversations, posts, reports, choices) and aftercare (reminders, follow-up
choices, notifications). Also the two optional email choices made at sign-up.
"""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from lib.privacy import CHUNK, Provider, Sectie, Veld, Wisser, keuzes, registreer

from . import voorkeuren
from .models import (
    Bericht,
    CommunityPauze,
    Demping,
    DigestVoorkeur,
    Draad,
    GedempteWoorden,
    Herinnering,
    HerkenIk,
    Melding,
    Moderatiezaak,
    NazorgVoorkeur,
    RichtlijnAkkoord,
)

K = keuzes
V = Veld
T = _l("When")
# The visibility of a conversation or post (the same choices for both).
STATUS = dict(Draad._meta.get_field("status").choices)


def _community_keuzes(user):
    for a in RichtlijnAkkoord.objects.filter(user=user).order_by("versie"):
        yield {
            "wat": _("Community guidelines accepted"),
            "waarde": a.versie,
            "op": a.geaccepteerd_op,
        }
    for d in DigestVoorkeur.objects.filter(user=user):
        yield {"wat": _("Weekly summary by email"), "waarde": d.wekelijks, "op": d.laatst_verstuurd}
    for d in Demping.objects.filter(user=user).order_by("pk").iterator(chunk_size=CHUNK):
        yield {"wat": _("Muted conversation"), "waarde": d.draad_id, "op": None}


def _eigen_titel(bericht, user):
    # The title only of their own thread: someone else's title is their words.
    return bericht.draad.titel if bericht.draad.auteur_id == user.pk else None


# Only rows the person wrote or owns, never someone else's words; a table, so ruff leaves
# its layout alone.
# fmt: off
SECTIES = (
    Sectie("community_gesprekken", _l("Community: conversations you started"),
           lambda u: Draad.objects.filter(auteur=u).select_related("ruimte")
           .order_by("aangemaakt_op", "pk"), (
        V("id", _l("Number"), "pk"), V("ruimte", _l("Space"), "ruimte.naam"),
        V("titel", _l("Title")), V("zonder_naam", _l("Without your name"), "anoniem"),
        V("status", _l("Status"), keuzes=STATUS),
        V("geplaatst_op", _l("Posted on"), "aangemaakt_op"),
    ), volgorde=90, modellen=(Draad,)),
    Sectie("community_berichten", _l("Community: your posts"),
           lambda u: Bericht.objects.filter(auteur=u).select_related("draad")
           .order_by("aangemaakt_op", "pk"), (
        V("id", _l("Number"), "pk"), V("gesprek", _l("Conversation number"), "draad_id"),
        V("gesprek_titel", _l("Conversation"), _eigen_titel),
        V("zonder_naam", _l("Without your name"), "anoniem"),
        V("status", _l("Status"), keuzes=STATUS),
        V("signaalwoord", _l("Contains a signal word"), "signaal"),
        V("verhaal_versie", _l("Story version"), "getuigenis_id"),
        V("geplaatst_op", _l("Posted on"), "aangemaakt_op"), V("bewerkt_op", _l("Changed on")),
        V("tekst", _l("Your message"), lang=True),
    ), volgorde=100, modellen=(Bericht,)),
    Sectie("herken_ik", _l("Community: “I recognise this”"),
           lambda u: HerkenIk.objects.filter(user=u).order_by("aangemaakt_op", "pk"), (
        V("bericht", _l("Post number"), "bericht_id"), V("op", T, "aangemaakt_op"),
    ), volgorde=110, modellen=(HerkenIk,)),
    Sectie("community_gemeld", _l("Community: posts you reported"),
           lambda u: Moderatiezaak.objects.filter(gemeld_door=u).order_by("aangemaakt_op", "pk"), (
        V("bericht", _l("Post number"), "bericht_id"),
        V("gemeld_op", _l("Reported on"), "aangemaakt_op"),
        V("reden", _l("Your reason"), lang=True),
    ), volgorde=120, modellen=(Moderatiezaak,)),
    # Decisions about their own posts, as they were told; never who reported them.
    Sectie("community_besluiten", _l("Community: decisions about your posts"),
           lambda u: Moderatiezaak.objects.filter(bericht__auteur=u, afgehandeld_op__isnull=False)
           .order_by("afgehandeld_op", "pk"), (
        V("bericht", _l("Post number"), "bericht_id"),
        V("besluit", _l("Decision"), keuzes=K(Moderatiezaak.Besluit)),
        V("op", T, "afgehandeld_op"), V("reden", _l("Reason"), "besluit_reden", lang=True),
    ), volgorde=130, modellen=(Moderatiezaak,)),
    Sectie("community_keuzes", _l("Community: your choices"), _community_keuzes, (
        V("wat", _l("What")), V("waarde", _l("Value")), V("op", T),
    ), volgorde=140, modellen=(RichtlijnAkkoord, DigestVoorkeur, Demping)),
    Sectie("community_pauze", _l("Community: your break"),
           lambda u: CommunityPauze.objects.filter(user=u), (
        V("sinds", _l("Since")), V("tot", _l("Until")),
        V("welkom_getoond_op", _l("Welcomed back on")),
    ), volgorde=141, modellen=(CommunityPauze,)),
    Sectie("community_gedempte_woorden", _l("Community: your muted words"),
           lambda u: GedempteWoorden.objects.filter(user=u), (
        V("woorden", _l("Muted words"), lambda o, u: ", ".join(o.lijst), lang=True),
        V("bijgewerkt_op", _l("Changed on")),
    ), volgorde=142, modellen=(GedempteWoorden,)),
    Sectie("herinneringen", _l("Follow-up reminders"),
           lambda u: Herinnering.objects.filter(user=u).select_related("groep", "moment")
           .order_by("verstuur_op", "pk"), (
        V("groep", _l("Group"), "groep.naam"),
        V("nazit_op", _l("Follow-up meeting"), lambda o, u: o.moment.begint_om or o.moment.datum),
        V("status", _l("Status"), keuzes=K(Herinnering.Status)),
        V("versturen_op", _l("To be sent on"), "verstuur_op"),
        V("verstuurd_op", _l("Sent on"), "verzonden_op"),
        V("antwoord", _l("Your answer"), keuzes=K(Herinnering.Antwoord)),
        V("beantwoord_op", _l("Answered on")), V("was_er", _l("You were there"), "aanwezig"),
    ), volgorde=150, modellen=(Herinnering,)),
    Sectie("nazorg_voorkeuren", _l("Follow-up choices"),
           lambda u: NazorgVoorkeur.objects.filter(user=u).select_related("groep").order_by("pk"), (
        V("groep", _l("Group"), lambda o, u: o.groep.naam if o.groep else _("all groups")),
        V("gestopt", _l("No more reminders")), V("per_email", _l("By email")),
        V("in_app", _l("In the app")),
    ), volgorde=160, modellen=(NazorgVoorkeur,)),
    Sectie("meldingen", _l("Notifications"),
           lambda u: Melding.objects.filter(user=u).select_related("ruimte")
           .order_by("aangemaakt_op", "pk"), (
        V("titel", _l("Title")), V("link", _l("Link")), V("op", T, "aangemaakt_op"),
        V("gelezen_op", _l("Read on")), V("gemaild_op", _l("Emailed on")),
        V("ruimte", _l("Space"), lambda o, u: o.ruimte.naam if o.ruimte_id else None),
    ), volgorde=170, modellen=(Melding,)),
)
# fmt: on


def wis(user, wiskeuzes) -> None:
    # Aftercare: reminders not yet sent, notifications and preferences.
    Herinnering.objects.filter(user=user).exclude(status=Herinnering.Status.VERZONDEN).delete()
    # A sent reminder stays for the nazit figures; an old error text might hold the address.
    Herinnering.objects.filter(user=user).update(laatste_fout="")
    Melding.objects.filter(user=user).delete()
    NazorgVoorkeur.objects.filter(user=user).delete()
    DigestVoorkeur.objects.filter(user=user).delete()
    RichtlijnAkkoord.objects.filter(user=user).delete()
    Demping.objects.filter(user=user).delete()
    CommunityPauze.objects.filter(user=user).delete()
    GedempteWoorden.objects.filter(user=user).delete()
    # Their words in reports they made; the report itself stays for the moderators.
    Moderatiezaak.objects.filter(gemeld_door=user).update(reden="", gemeld_door=None)

    # Community posts: deleted, or kept without a name.
    if wiskeuzes.berichten_anoniem:
        Bericht.objects.filter(auteur=user).update(auteur=None, anoniem=True)
        Draad.objects.filter(auteur=user).update(auteur=None, anoniem=True)
    else:
        HerkenIk.objects.filter(user=user).delete()
        Bericht.objects.filter(auteur=user).delete()
        # A thread they started goes, unless others replied: their replies are kept, and
        # the title (the person's words) is replaced by a neutral one.
        eigen_draden = Draad.objects.filter(auteur=user)
        eigen_draden.filter(berichten__isnull=True).delete()
        with translation.override(settings.LANGUAGE_CODE):
            neutraal = _("Conversation")
        eigen_draden.update(titel=neutraal, auteur=None, anoniem=True)


# --- The email choice made at sign-up, and the choices shown on "My privacy" ------------


def bij_aanmelding(user, antwoorden: dict) -> None:
    """The optional email choice of the sign-up form becomes the person's setting. Nazit
    reminders keep their defaults (email and in-app): nobody is asked about a nazit
    before they enrol in a group that has one (nazorg/uitnodiging.py)."""
    DigestVoorkeur.objects.update_or_create(user=user, defaults={"wekelijks": antwoorden["digest"]})


def emailkeuzes(user) -> dict:
    digest = DigestVoorkeur.objects.filter(user=user).first()
    return {
        "nazit_email": voorkeuren.algemeen(user).nazit_email,
        "digest": bool(digest and digest.wekelijks),
    }


registreer(
    Provider(
        naam="nazorg",
        secties=SECTIES,
        wissers=(
            Wisser(
                30,
                wis,
                modellen=(
                    Herinnering,
                    Melding,
                    NazorgVoorkeur,
                    DigestVoorkeur,
                    RichtlijnAkkoord,
                    Demping,
                    CommunityPauze,
                    GedempteWoorden,
                    Moderatiezaak,
                    Bericht,
                    Draad,
                    HerkenIk,
                ),
            ),
        ),
        bij_aanmelding=bij_aanmelding,
        keuzes=emailkeuzes,
    )
)


# --- Who is in the community and who looks in (nazorg/toegang.py) ---------------------------
# A provider of its own, so this block merges apart from the community's text above.


def _wis_toegang(user, wiskeuzes) -> None:
    from .models import CommunityWelkom

    # Moderator roles are groepen.Vrijwilligersrol: groepen/privacy.py exports and erases them.
    CommunityWelkom.objects.filter(user=user).delete()
    # Whom they welcomed stays (that person's access), without their name.
    CommunityWelkom.objects.filter(welkom_door=user).update(welkom_door=None)


def _toegang_secties():
    from .models import CommunityWelkom

    # fmt: off
    return (
        Sectie("community_welkom", _l("Community: welcomed by a host"),
               lambda u: CommunityWelkom.objects.filter(user=u), (
            V("op", _l("Welcomed on")),
        ), volgorde=143, modellen=(CommunityWelkom,)),
    )
    # fmt: on


def _registreer_toegang():
    from .models import CommunityWelkom

    registreer(
        Provider(
            naam="nazorg_toegang",
            secties=_toegang_secties(),
            wissers=(Wisser(31, _wis_toegang, modellen=(CommunityWelkom,)),),
        )
    )


_registreer_toegang()


# --- Earlier versions of edited posts (nazorg/bewerken.py) ----------------------------------
# A provider of its own, so this block merges apart from the blocks above.


def _wis_versies(user, wiskeuzes) -> None:
    from .models import BerichtVersie

    # Before the posts themselves (step 30): also when the posts are kept without a name,
    # the earlier texts go; nobody needs them once the person has left.
    BerichtVersie.objects.filter(bericht__auteur=user).delete()


def _registreer_versies():
    from .models import BerichtVersie

    # fmt: off
    secties = (
        Sectie("community_versies", _l("Community: earlier versions of your posts"),
               lambda u: BerichtVersie.objects.filter(bericht__auteur=u)
               .order_by("vervangen_op", "pk"), (
            V("bericht", _l("Post number"), "bericht_id"),
            V("vervangen_op", _l("Replaced on")),
            V("titel", _l("Title")), V("tekst", _l("Your message"), lang=True),
        ), volgorde=101, modellen=(BerichtVersie,)),
    )
    # fmt: on
    registreer(
        Provider(
            naam="nazorg_versies",
            secties=secties,
            wissers=(Wisser(29, _wis_versies, modellen=(BerichtVersie,)),),
        )
    )


_registreer_versies()


# --- Which community notifications a person wants (nazorg/gesprekmeldingen.py) ---------------
# A provider of its own, so this block merges apart from the rest.


def _registreer_gesprekmeldingen():
    from .models import GesprekmeldingVoorkeur

    def wis_voorkeur(user, wiskeuzes) -> None:
        GesprekmeldingVoorkeur.objects.filter(user=user).delete()

    # fmt: off
    sectie = Sectie("gesprekmelding_voorkeur", _l("Community: which notifications you get"),
                    lambda u: GesprekmeldingVoorkeur.objects.filter(user=u), (
        V("reacties", _l("Replies")), V("herken_ik", _l("'I recognise this'")),
        V("moderatie", _l("Moderation")),
        V("nieuwe_gesprekken", _l("New conversations in spaces you follow")),
        V("reacties_email", _l("Email about replies")),
    ), volgorde=171, modellen=(GesprekmeldingVoorkeur,))
    # fmt: on
    registreer(
        Provider(
            naam="nazorg_gesprekmeldingen",
            secties=(sectie,),
            wissers=(Wisser(32, wis_voorkeur, modellen=(GesprekmeldingVoorkeur,)),),
        )
    )


_registreer_gesprekmeldingen()


# --- Messages after a nazit invitation (nazorg/nazitberichten.py) ---------------------------
# A provider of its own, so this block merges apart from the rest.


def _registreer_nazitberichten():
    from .models import NazitBericht

    def wis_berichten(user, wiskeuzes) -> None:
        # Not part of any figure: all of them go (the invitation itself stays, see above).
        NazitBericht.objects.filter(user=user).delete()

    # fmt: off
    sectie = Sectie("nazit_berichten", _l("Messages about a follow-up meeting"),
                    lambda u: NazitBericht.objects.filter(user=u).select_related("groep")
                    .order_by("verstuur_op", "pk"), (
        V("groep", _l("Group"), "groep.naam"),
        V("soort", _l("Kind"), keuzes=K(NazitBericht.Soort)),
        V("status", _l("Status"), keuzes=K(Herinnering.Status)),
        V("versturen_op", _l("To be sent on"), "verstuur_op"),
        V("verstuurd_op", _l("Sent on"), "verzonden_op"),
    ), volgorde=151, modellen=(NazitBericht,))
    # fmt: on
    registreer(
        Provider(
            naam="nazorg_nazitberichten",
            secties=(sectie,),
            wissers=(Wisser(35, wis_berichten, modellen=(NazitBericht,)),),
        )
    )


_registreer_nazitberichten()


# --- "We missen je" (nazorg/missen.py) -------------------------------------------------------
# A provider of its own, so this block merges apart from the rest.


def _registreer_missen():
    from .models import Missen, MissenVoorkeur

    def wis_missen(user, wiskeuzes) -> None:
        # The signals about them go (the coordinator's monthly counts drop them too);
        # a signal someone else handled keeps no trace of who that was.
        Missen.objects.filter(user=user).delete()
        Missen.objects.filter(afgehandeld_door=user).update(afgehandeld_door=None)
        MissenVoorkeur.objects.filter(user=user).delete()

    # fmt: off
    secties = (
        # What the group's facilitators saw about them, and what we sent: never who
        # handled it, only whether it was.
        Sectie("missen", _l("When we missed you"),
               lambda u: Missen.objects.filter(user=u).select_related("groep")
               .order_by("sinds", "pk"), (
            V("groep", _l("Group"), "groep.naam"),
            V("wat", _l("What happened"), "soort", keuzes=K(Missen.Soort)),
            V("sinds", _l("Since")),
            V("bericht", _l("Message"), keuzes=K(Missen.Bericht)),
            V("verstuurd_op", _l("Sent on"), "verzonden_op"),
            V("stop_liever_op", _l("You said you would rather stop on")),
            V("afgehandeld", _l("Your facilitators followed up"),
              lambda o, u: o.afgehandeld_op is not None),
        ), volgorde=176, modellen=(Missen,)),
        Sectie("missen_voorkeur", _l("A message when you have been away"),
               lambda u: MissenVoorkeur.objects.filter(user=u), (
            V("berichten", _l("Messages on")), V("bijgewerkt_op", _l("Changed on")),
        ), volgorde=177, modellen=(MissenVoorkeur,)),
    )
    # fmt: on
    registreer(
        Provider(
            naam="nazorg_missen",
            secties=secties,
            wissers=(Wisser(33, wis_missen, modellen=(Missen, MissenVoorkeur)),),
        )
    )


_registreer_missen()


# --- Followed spaces (nazorg/volgen.py) and the reply email (nazorg/gesprekmail.py) ----------
# A provider of its own, so this block merges apart from the rest.


def _registreer_volgen_en_mail():
    from .models import GesprekmailStand, GevolgdeRuimte

    def wis(user, wiskeuzes) -> None:
        GevolgdeRuimte.objects.filter(user=user).delete()
        GesprekmailStand.objects.filter(user=user).delete()

    # fmt: off
    secties = (
        Sectie("community_gevolgd", _l("Community: spaces you follow"),
               lambda u: GevolgdeRuimte.objects.filter(user=u).select_related("ruimte")
               .order_by("sinds", "pk"), (
            V("ruimte", _l("Space"), "ruimte.naam"), V("sinds", _l("Since")),
        ), volgorde=172, modellen=(GevolgdeRuimte,)),
        Sectie("gesprekmail_stand", _l("Community: last email about replies"),
               lambda u: GesprekmailStand.objects.filter(user=u), (
            V("laatst_gemaild", _l("Last sent on")),
        ), volgorde=173, modellen=(GesprekmailStand,)),
    )
    # fmt: on
    registreer(
        Provider(
            naam="nazorg_volgen",
            secties=secties,
            wissers=(Wisser(34, wis, modellen=(GevolgdeRuimte, GesprekmailStand)),),
        )
    )


_registreer_volgen_en_mail()
