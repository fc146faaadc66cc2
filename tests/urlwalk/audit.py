"""Audit trail: everyone's own log; the whole trail for coordinators only."""

from . import Case, logged_in

C = "coordinator"

EXPECTED = {
    "mijn_logboek": Case(logged_in(200)),
    "audit_overzicht": Case({**logged_in(403), C: 200}),
    "audit_csv": Case({**logged_in(403), C: 200}),
}
