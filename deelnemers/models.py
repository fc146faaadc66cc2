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
