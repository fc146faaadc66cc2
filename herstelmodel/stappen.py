"""What each step of the model means, in plain words, with questions to write along.

Written for this product (not taken from the research texts). The steps are places you
can be, not rungs: going back to an earlier one is part of the way.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .models import Stap


@dataclass(frozen=True)
class StapUitleg:
    stap: Stap
    kort: str
    vragen: tuple[str, ...]

    @property
    def naam(self):
        return self.stap.label


UITLEG = {
    Stap.PROJECTIE: StapUitleg(
        Stap.PROJECTIE,
        _(
            "Something in someone else stirs you up: it annoys you, saddens you or draws you in, "
            "and you are not sure why yet."
        ),
        (
            _("What did someone do or say that stayed with you?"),
            _("What did you feel in your body at that moment?"),
            _("Could it have to do with something in your own life?"),
        ),
    ),
    Stap.HERKENNING: StapUitleg(
        Stap.HERKENNING,
        _("You hear someone's story and think: that is me too. You are not the only one."),
        (
            _("Whose story touched you, and which part of it?"),
            _("What did it feel like to realise you are not alone in this?"),
        ),
    ),
    Stap.ERKENNING: StapUitleg(
        Stap.ERKENNING,
        _(
            "You let yourself feel what is there, such as grief, fear or shame, without pushing it "
            "away or fixing it straight away."
        ),
        (
            _("What are you allowing yourself to feel now?"),
            _("What helped you to stay with it for a moment?"),
            _("Did you feel seen or heard by someone? How did you notice?"),
        ),
    ),
    Stap.VERBINDING: StapUitleg(
        Stap.VERBINDING,
        _("From there you can really meet others: trust, support, doing things together."),
        (
            _("With whom did you feel a real contact lately?"),
            _("What did you give, and what did you receive?"),
        ),
    ),
    Stap.JEZELF_TERUGVINDEN: StapUitleg(
        Stap.JEZELF_TERUGVINDEN,
        _(
            "You steer your own life again: you notice more clearly what does you good and what "
            "gives you energy."
        ),
        (
            _("What gave you energy this week, and what cost you energy?"),
            _("What choice did you make for yourself?"),
            _("What would you like to do more of?"),
        ),
    ),
    Stap.GETUIGENIS: StapUitleg(
        Stap.GETUIGENIS,
        _(
            "You share what you went through, not as advice but as a person, so that others may "
            "find recognition and hope in it."
        ),
        (
            _("What part of your experience would you like to pass on?"),
            _("What do you wish someone had told you back then?"),
        ),
    ),
}

WEL_EN_WEE = _(
    "Recovery is not a ladder. You can be at one step today and at another tomorrow, "
    "and going back is just as much part of the way."
)


# "Mijn verhaal": the phases people often go through, each with questions to write along,
# and the four sides of recovery as hints that fit every phase.
@dataclass(frozen=True)
class Deel:
    sleutel: str
    titel: str
    vragen: tuple[str, ...]


VERHAAL_DELEN = (
    Deel(
        "overweldigd",
        _("When it overwhelmed you"),
        (
            _("What happened, and what was it like for you then?"),
            _("What did you need at the time, and did you get it?"),
        ),
    ),
    Deel(
        "worstelen",
        _("Struggling with it"),
        (
            _("What did you try, and what did not work?"),
            _("Who or what kept you going?"),
        ),
    ),
    Deel(
        "leven",
        _("Learning to live with it"),
        (
            _("What did you find out about yourself?"),
            _("What helps you on a difficult day?"),
        ),
    ),
    Deel(
        "achtergrond",
        _("When it moved to the background"),
        (
            _("What has a place in your life now?"),
            _("What would you like to tell someone who is where you once were?"),
        ),
    ),
)

VERHAAL_ASPECTEN = (
    (_("Health"), _("How are you doing in body and mind?")),
    (_("Everyday life"), _("How do your days go: sleep, food, home, money?")),
    (_("Roles in society"), _("Work, volunteering, friends, family: where do you take part?")),
    (_("Who you are"), _("How do you see yourself, apart from what happened to you?")),
)
