"""Safe `next` handling: where to go after a form, without an open redirect."""

from django.utils.http import url_has_allowed_host_and_scheme


def veilige_next(request, standaard: str = "") -> str:
    """The request's `next` (POST before GET) when it is a path on this site, else
    `standaard`.

    Only a path is accepted: a full address elsewhere would be an open redirect, and
    redirect() would take a bare word ("98") for a view name and fail.
    """
    volgende = request.POST.get("next") or request.GET.get("next") or ""
    if volgende.startswith("/") and url_has_allowed_host_and_scheme(
        volgende, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return volgende
    return standaard
