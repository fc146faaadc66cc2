"""Privacy: the statement (public), accepting it, My privacy, publishing, the export."""

from . import Case, logged_in, same

C = "coordinator"

EXPECTED = {
    # Anyone may read the statement, also before signing up.
    "privacyverklaring": Case(same(200)),
    "privacyverklaring_versie": Case(same(200), kwargs={"versie": 1}),
    # Everyone logged in accepts for themselves (nobody in `world` has accepted yet).
    "privacy_accepteren": Case(logged_in(200)),
    "mijn_privacy": Case(logged_in(200)),
    "privacy_export": Case(logged_in(200)),
    # Publishing a new version: coordinators only.
    "privacy_beheer": Case({**logged_in(403), C: 200}),
}
