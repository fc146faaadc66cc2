"""Events of groepen that apps higher up react to (groepen never imports them).

facilitator_begonnen: someone became an active facilitator of a group through
planning.maak_facilitator (a coordinator added them). Sent inside the transaction that
makes them facilitator, so whatever a receiver writes (nazorg's notices to the group's
participants) is stored together with the membership or not at all: exactly once.
Arguments: lidmaatschap (the facilitator's row, user loaded).
"""

from django.dispatch import Signal

facilitator_begonnen = Signal()
