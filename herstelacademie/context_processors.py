from groepen.roles import rollen_van


def navigation(request):
    """The roles decide which links the navigation shows."""
    user = getattr(request, "user", None)
    return {"rollen": rollen_van(user)}
