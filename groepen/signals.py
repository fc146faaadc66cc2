"""Events of groepen that apps higher up react to (groepen never imports them).

facilitator_begonnen: someone became an active facilitator of a group through
planning.maak_facilitator (a coordinator added them). Sent inside the transaction that
makes them facilitator, so whatever a receiver writes (nazorg's notices to the group's
participants) is stored together with the membership or not at all: exactly once.
Arguments: lidmaatschap (the facilitator's row, user loaded).

nazit_keuze: someone enrolled (inschrijving.aanmelden) in a group whose offer has a nazit,
and said whether they want the invitation (the box "I don't want an invitation to the
nazit" on the enrolment form). Sent inside the enrolment's transaction, so the choice
(kept by nazorg, with the other reminder choices) is stored together with the enrolment.
Arguments: lidmaatschap (user and groep loaded), wil_nazit (bool).
"""

from django.dispatch import Signal

facilitator_begonnen = Signal()
nazit_keuze = Signal()
