"""CSRF on every state change: a post without the token is refused and changes nothing.

The POST URLs are found at run time: the URL walk's POST-only URLs, and the action of
every <form method=post> on every page every role can open.
"""

import hashlib

import pytest
from django.apps import apps

from .conftest import PROJECT_APPS, VOLATILE
from .discover import (
    NOT_ATTACKED,
    page_html,
    page_names,
    post_names,
    request,
    roles_not_redirected,
    roles_with,
    url_for,
)
from .htmlscan import post_forms
from .payloads import body

FORM = "application/x-www-form-urlencoded"

# Every form on every page for every role: `make test` runs it, `make test-fast` not.
pytestmark = pytest.mark.slow


def fingerprint_of_everything():
    """A hash per project model over all its rows (volatile login fields left out)."""
    result = {}
    for model in apps.get_models():
        if model._meta.app_label not in PROJECT_APPS:
            continue
        names = [f.attname for f in model._meta.concrete_fields if f.name not in VOLATILE]
        rows = sorted(map(repr, model._default_manager.values_list(*names)))
        result[model._meta.label] = hashlib.sha256("\n".join(rows).encode()).hexdigest()
    return result


def changed(before, after):
    return sorted(label for label in after if before.get(label) != after[label])


def without_token(form):
    data = body(form, "plain", {})
    return "&".join(p for p in data.split("&") if not p.startswith("csrfmiddlewaretoken="))


def refused(client, url, data, what, findings):
    response, error = request(client, "post", url, data=data, content_type=FORM)
    if error:
        findings.append(f"{what}: raised {error}")
    elif response.status_code != 403:
        findings.append(f"{what}: HTTP {response.status_code}, expected 403")


@pytest.mark.parametrize("name", page_names())
def test_forms_refuse_posts_without_csrf_token(name, world, role_client):
    findings = []
    url = url_for(name, world)
    for role in roles_with(name):
        client = role_client(role, csrf=True)
        response, error = request(client, "get", url)
        if error or response.status_code != 200:
            findings.append(f"{role} GET {url}: {error or response.status_code}")
            continue
        # Taken after login and GET: those may rightly write (audit trail, read log).
        before = fingerprint_of_everything()
        for form in post_forms(page_html(response), url):
            if form.action.split("?")[0] in NOT_ATTACKED:
                continue
            what = f"{role} POST {form.action} without token (form on {url})"
            refused(client, form.action, without_token(form), what, findings)
        if diff := changed(before, fingerprint_of_everything()):
            findings.append(f"{role}: posts without token on {url} changed {diff}")
    assert not findings, "\n".join(findings)


@pytest.mark.parametrize("name", post_names())
def test_post_only_urls_refuse_posts_without_csrf_token(name, world, role_client):
    findings = []
    url = url_for(name, world)
    clients = {role: role_client(role, csrf=True) for role in roles_not_redirected(name)}
    before = fingerprint_of_everything()  # after the logins, which rightly write
    for role, client in clients.items():
        refused(client, url, "", f"{role} POST {url}", findings)
    assert not changed(before, fingerprint_of_everything()), f"posts without token ({url})"
    assert not findings, "\n".join(findings)


def test_logout_refuses_posts_without_csrf_token(world, role_client):
    """Logout is left out of the hostile suite; it still needs its token."""
    client = role_client("deelnemer", csrf=True)
    refused(client, "/accounts/logout/", "", "POST /accounts/logout/", findings := [])
    assert not findings, findings
    assert client.get("/mijn-overzicht/").status_code == 200  # still logged in
