from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    """An account. Email is the login; the roepnaam is all that other people ever see.

    On purpose there is no field for a real name, a birth date or a diagnosis.
    Group roles (deelnemer, facilitator) live on the membership of a group; the only
    academy-wide role is coordinator.
    """

    email = models.EmailField(_("email address"), max_length=254, unique=True)
    roepnaam = models.CharField(
        _("display name"),
        max_length=40,
        help_text=_(
            "The name others see. Choose any name you like; it need not be your real name."
        ),
    )
    is_coordinator = models.BooleanField(
        _("coordinator"),
        default=False,
        help_text=_("Coordinators plan the offer and see figures for the whole academy."),
    )
    is_staff = models.BooleanField(
        _("technical administrator"),
        default=False,
        help_text=_("May open the technical admin site."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)
    # Day of the last visit, kept at day precision (written at most once a day) for the
    # retention job; nothing finer about anyone's visits is stored.
    laatst_actief = models.DateField(_("last active"), null=True, blank=True, db_index=True)
    # Set when the account was erased: the row stays, scrubbed of everything personal,
    # so anonymous attendance counts and the audit trail stay consistent.
    verwijderd_op = models.DateTimeField(_("deleted at"), null=True, blank=True)
    # Naasten (family and friends of someone in recovery) use the academy too, without
    # being asked to reflect on their own recovery. These choices only decide what the
    # home and the menu put forward; every page stays reachable. On the row, so the menu
    # reads them from the user already loaded (no query).
    komt_als_naaste = models.BooleanField(
        _("comes mainly as a naaste"),
        default=False,
        help_text=_("Family member or friend of someone in recovery."),
    )
    zes_stappen = models.BooleanField(
        _("uses the six steps"),
        default=True,
        help_text=_("Shows reflections, recovery path and support plan on your overview."),
    )
    # When the person chose about the six steps themselves: after that the home no
    # longer asks (see herstelacademie/naasten.py).
    zes_stappen_gekozen_op = models.DateTimeField(_("six steps chosen on"), null=True, blank=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["roepnaam"]

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
        ]

    def __str__(self):
        if self.verwijderd_op:
            return str(_("Former member"))
        return self.roepnaam or self.email

    def get_short_name(self):
        if self.verwijderd_op:
            return str(_("Former member"))
        return self.roepnaam

    def get_full_name(self):
        return self.roepnaam


class Academie(models.Model):
    """The academy's identity: its name, how to reach it, the crisis numbers it shows and
    its colour and logo. One row today (deelnemers.academie.huidige_academie() gives it);
    a future installation with several academies adds rows and a way to pick one, and the
    code that asks for "the" academy keeps working.

    No personal data: everything here is public and set by a coordinator, so mails, PDFs
    and public pages can show it to anyone. Fields are checked in deelnemers/academie.py.
    """

    naam = models.CharField(_("name"), max_length=120, default="Herstelacademie")
    introductie = models.TextField(
        _("short introduction"),
        max_length=1000,
        blank=True,
        help_text=_("Two or three sentences about the academy, for the home page."),
    )
    contact_email = models.EmailField(_("email address"), max_length=254, blank=True)
    contact_telefoon = models.CharField(_("phone number"), max_length=30, blank=True)
    contact_adres = models.TextField(_("address"), max_length=300, blank=True)
    # The crisis numbers shown in the help box (templates/_hulp_nu.html) and the footer.
    crisislijn_naam = models.CharField(
        _("crisis line: name"), max_length=80, default="113 Zelfmoordpreventie"
    )
    crisislijn_nummer = models.CharField(
        _("crisis line: short number"), max_length=30, default="113"
    )
    crisislijn_gratis = models.CharField(
        _("crisis line: free number"), max_length=30, default="0800-0113"
    )
    crisislijn_website = models.URLField(
        _("crisis line: website"), max_length=200, default="https://www.113.nl"
    )
    huisarts = models.CharField(
        _("who to call in office hours"),
        max_length=80,
        default="je huisarts",
        help_text=_("Shown as: “Call … or, outside office hours, the huisartsenpost.”"),
    )
    noodnummer = models.CharField(_("emergency number"), max_length=30, default="112")
    kleur = models.CharField(
        _("brand colour"),
        max_length=7,
        default="#8a3b12",
        help_text=_("A dark colour, for example #8a3b12: white text on it must stay readable."),
    )
    # The logo is kept in the database (PNG or JPEG, re-encoded, at most 200 kB) and served
    # by deelnemers.views.academie_logo: no media storage to set up, and no SVG (which can
    # carry scripts) ever reaches a browser from here.
    logo = models.BinaryField(_("logo"), null=True, blank=True, editable=False)
    logo_type = models.CharField(max_length=20, blank=True, editable=False)
    bijgewerkt_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("academy")
        verbose_name_plural = _("academies")

    def __str__(self):
        return self.naam
