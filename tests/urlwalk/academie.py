"""The academy's identity: coordinators edit it; its colour and logo are public files
(no personal data) that every page, also the login page, loads."""

from . import Case, logged_in, same

EXPECTED = {
    "academie_instellingen": Case({**logged_in(403), "coordinator": 200}),
    "academie_kleur": Case(same(200)),
    # The world's academy has no logo.
    "academie_logo": Case(same(404)),
}
