"""Calendar: the page and renewing need a login; the feed is opened by its secret token."""

from . import Case, logged_in, same


def _feed_van_deelnemer(world):
    from groepen.models import KalenderFeed

    feed, _ = KalenderFeed.objects.get_or_create(user=world.deelnemer)
    return {"token": feed.token}


EXPECTED = {
    "kalender": Case(logged_in(200)),
    "kalender_vernieuwen": Case(logged_in(302), method="post"),
    # No login: the token is the secret, so anyone holding it gets the feed.
    "kalender_feed": Case(same(200), kwargs=_feed_van_deelnemer),
}
