"""The unread count for the menu (templates/includes/nav_meldingen.html).

Lazy: a template that shows the menu asks once; visitors cost no query at all, and the
count is kept on the request's user, so a second render in the same request asks nothing."""


def meldingen(request):
    user = getattr(request, "user", None)

    def ongelezen():
        from .gesprekmeldingen import aantal_ongelezen

        return aantal_ongelezen(user)

    return {"meldingen_ongelezen": ongelezen}
