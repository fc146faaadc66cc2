"""Aanbod: participants browse the offer, sign up, cancel, and report absence."""

from . import LOGIN, Case, logged_in, same

A, OUT, D, F, C = "anonymous", "outsider", "deelnemer", "facilitator", "coordinator"

EXPECTED = {
    # The offer is public: anyone may look at it, also without an account.
    "aanbod_lijst": Case(same(200)),
    "aanbod_detail": Case(same(200), kwargs=lambda w: {"pk": w.aanbod.pk}),
    "mijn_aanmeldingen": Case(logged_in(200)),
    # The sign-up page of a group in the offer (members see their status instead).
    "aanmelden": Case(logged_in(200), kwargs=lambda w: {"pk": w.groep.pk}),
    # Only someone who is signed up (or waiting) can cancel; everyone else: not found.
    "uitschrijven": Case({**logged_in(404), D: 200}, kwargs=lambda w: {"pk": w.groep.pk}),
    # "I can't come": the group's participants; its facilitator and coordinators may
    # know the group (403), anyone else may not (404).
    "bijeenkomst_afmelden": Case(
        {A: LOGIN, OUT: 404, D: 302, F: 403, C: 403},
        kwargs=lambda w: {"pk": w.bijeenkomst.pk},
        method="post",
    ),
}
