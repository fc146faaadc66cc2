"""Naasten: turning the six steps on or off acts only on one's own account (no id in the
URL). An empty POST changes nothing and sends everyone back to "Mijn gegevens"."""

from . import Case, logged_in

EXPECTED = {
    "zes_stappen": Case(logged_in(302), method="post"),
}
