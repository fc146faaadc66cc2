"""Hostile input against every page and every POST form, for every role that may open it.

Per page: GET with hostile query strings, then every <form method=post> on the page is
sent once per payload class (tests/hostile/payloads.py) with all fields filled with that
class. Whatever comes back, and the page a redirect leads to, is scanned for markup a
browser would run. Asserted: no 500, no injection, no redirect to another site, and
forged ids (the other group's objects, or ids that do not exist) change nothing of the
other group; every HTML answer carries the CSP without 'unsafe-inline'.
"""

import pytest

from .discover import (
    NOT_ATTACKED,
    is_local,
    page_html,
    page_names,
    post_names,
    request,
    roles_not_redirected,
    roles_with,
    url_for,
)
from .htmlscan import injections, post_forms
from .payloads import CLASSES, body

FORM = "application/x-www-form-urlencoded"

# Every page x every role x every payload: minutes of CPU, so `make test-fast` leaves
# this module out; `make test` (and CI) runs it.
pytestmark = pytest.mark.slow

# Every parameter a view of ours reads from the query string, plus the usual suspects.
QUERY_STRINGS = [
    "next=javascript:alert(1)&page=-1&q=<script>alert(1)</script>&pagina=-1&groep=999999"
    "&bijeenkomst=x&periode=<script>alert(1)</script>&start=2026-02-31&van=%00"
    "&zoek=<script>alert(1)</script>",
    "next=https://evil.example/&pagina=99999999999999999999999&groep=-1"
    "&bijeenkomst=99999999999999999999&tot=2026-13-45&jaar=1e999&periode=%ED%A0%80"
    "&zoek=%25%00_%ED%A0%80",
]


class Findings(list):
    def check(self, what, response, error):
        """Record a 500, an off-site redirect or an injection; True when the answer is usable."""
        if error:
            self.append(f"{what}: raised {error}")
            return False
        if response.status_code >= 500 and response.status_code != 503:
            self.append(f"{what}: HTTP {response.status_code}")
            return False
        if response.status_code in (301, 302, 303, 307, 308):
            if not is_local(response["Location"]):
                self.append(f"{what}: redirects off-site to {response['Location'][:80]}")
            return True
        if "html" in response.get("Content-Type", "") and not response.streaming:
            found = injections(response.content.decode(errors="replace"))
            if found:
                self.append(f"{what}: injected markup {found[:3]}")
            csp = response.get("Content-Security-Policy", "")
            if "script-src 'self'" not in csp or "unsafe-inline" in csp:
                self.append(f"{what}: weak or missing Content-Security-Policy {csp[:80]!r}")
        return True

    def follow(self, client, what, response):
        """GET the page a redirect leads to (on this site) and scan it as well."""
        if response is None or response.status_code not in (301, 302, 303):
            return
        location = response["Location"]
        if is_local(location):
            self.check(f"{what} -> {location}", *request(client, "get", location))


def attack_page(url, role, client, foreign_ids, fingerprint, findings):
    response, error = request(client, "get", url)
    if not findings.check(f"{role} GET {url}", response, error):
        return
    if response.status_code != 200:  # an earlier role's post changed the page (e.g. left)
        return
    html = page_html(response)
    for query in QUERY_STRINGS:
        what = f"{role} GET {url}?{query[:40]}"
        r, err = request(client, "get", f"{url}?{query}")
        findings.check(what, r, err)
    for form in post_forms(html, url):
        if form.action.split("?")[0] in NOT_ATTACKED:
            continue
        # Coordinators may change any group; for everyone else the other group is off limits.
        before = fingerprint() if role != "coordinator" else None
        for cls in CLASSES:
            what = f"{role} POST {form.action} [{cls}] (form on {url})"
            data = body(form, cls, foreign_ids)
            r, err = request(client, "post", form.action, data=data, content_type=FORM)
            if findings.check(what, r, err):
                findings.follow(client, what, r)
        findings.check(f"{role} GET {url} after posting", *request(client, "get", url))
        if before is not None and fingerprint() != before:
            findings.append(f"{role} POST {form.action}: changed the other group's data")


@pytest.mark.parametrize("name", page_names())
def test_hostile_input_on_page(name, world, role_client, foreign_ids, fingerprint_of_other_group):
    findings = Findings()
    # Resolved once: the URL walk's helpers use get_or_create, which our posts may confuse.
    url = url_for(name, world)
    for role in roles_with(name):
        client = role_client(role)
        attack_page(url, role, client, foreign_ids, fingerprint_of_other_group, findings)
    assert not findings, "\n".join(findings)


@pytest.mark.parametrize("name", post_names())
def test_hostile_input_on_post_only_url(
    name, world, role_client, foreign_ids, fingerprint_of_other_group
):
    """POST-only URLs (buttons elsewhere): an empty post and a post full of junk."""
    from .htmlscan import Field, Form

    findings = Findings()
    url = url_for(name, world)
    junk = Form(
        action=url,
        fields=[
            Field(n, "hidden") for n in ("groep", "actie", "next", "lid", "stap", "id", "persoon")
        ],
    )
    for role in roles_not_redirected(name):
        client = role_client(role)
        before = fingerprint_of_other_group() if role != "coordinator" else None
        findings.check(f"{role} POST {url} (empty)", *request(client, "post", url))
        for cls in CLASSES:
            what = f"{role} POST {url} [{cls}]"
            r, err = request(
                client, "post", url, data=body(junk, cls, foreign_ids), content_type=FORM
            )
            if findings.check(what, r, err):
                findings.follow(client, what, r)
        if before is not None and fingerprint_of_other_group() != before:
            findings.append(f"{role} POST {url}: changed the other group's data")
    assert not findings, "\n".join(findings)


def test_the_scanner_sees_injections():
    """The scanner itself: escaped payloads pass, raw ones are caught."""
    from django.utils.html import escape

    from .payloads import XSS, XSS_URL

    assert injections(f"<p>{escape(XSS)}</p><input value='{escape(XSS)}'>") == []
    assert injections(f"<p>{XSS}</p>")
    assert injections(f'<a href="{XSS_URL}">x</a>')
    assert injections(f'<a href=" {XSS_URL.upper()}">x</a>')


def test_the_form_reader_finds_fields():
    html = """
    <form method="post" action="/x/"><input type="hidden" name="csrfmiddlewaretoken" value="t">
      <input name="titel" value="a"><textarea name="tekst">b</textarea>
      <select name="groep"><option value="">--</option>
        <option value="3" selected>G</option></select>
      <input type="radio" name="stap" value="1"><input type="radio" name="stap" value="2" checked>
      <button type="submit" name="actie" value="opslaan">Save</button></form>
    <form method="get" action="/zoek/"><input name="q"></form>"""
    (form,) = post_forms(html, "/pagina/")
    fields = form.by_name()
    assert form.action == "/x/"
    assert fields["tekst"].value == "b"
    assert fields["groep"].value == "3"
    assert fields["groep"].options == ["", "3"]
    assert fields["stap"].options == ["1", "2"]
    assert fields["stap"].value == "2"
    assert form.submit == ("actie", "opslaan")
    assert "q" not in fields


def test_stored_payloads_render_escaped_everywhere(world, role_client, foreign_ids):
    """Every form of every page gets the XSS payload once; then every page, for every
    role, is scanned: a payload stored through one page must not run on another (a
    reflection shared with the group, a post in the community, a group name)."""
    from herstelmodel.models import Reflectie

    from .payloads import XSS

    findings = Findings()
    urls = {name: url_for(name, world) for name in page_names()}
    for name, url in urls.items():
        for role in roles_with(name):
            client = role_client(role)
            response, error = request(client, "get", url)
            if not findings.check(f"{role} GET {url}", response, error):
                continue
            for form in post_forms(page_html(response), url):
                if form.action.split("?")[0] in NOT_ATTACKED:
                    continue
                data = body(form, "xss", foreign_ids)
                what = f"{role} POST {form.action} [xss] (form on {url})"
                findings.check(
                    what, *request(client, "post", form.action, data=data, content_type=FORM)
                )
    # The payload did reach storage (else this test would prove nothing).
    assert Reflectie.objects.filter(auteur=world.deelnemer, tekst__isnull=False).count() > 3
    assert any(XSS in r.tekst for r in Reflectie.objects.filter(auteur=world.deelnemer))
    for name, url in urls.items():
        for role in roles_with(name):
            findings.check(f"{role} GET {url} (stored)", *request(role_client(role), "get", url))
    assert not findings, "\n".join(findings)


def test_the_fingerprint_sees_the_other_groups_rows_only(world, fingerprint_of_other_group):
    """The forged-id check itself: it changes with the other group's data, not with ours."""
    before = fingerprint_of_other_group()
    world.reflectie_groep.tekst = "anders"
    world.reflectie_groep.save()
    assert fingerprint_of_other_group() == before
    world.andere_reflectie.tekst = "anders"
    world.andere_reflectie.save()
    assert fingerprint_of_other_group() != before


def test_pages_with_forms_are_found(world, role_client):
    """The suite reaches real forms: the reflection form of a participant has its text field."""
    client = role_client("deelnemer")
    url = url_for("reflectie_nieuw", world)
    forms = post_forms(page_html(client.get(url)), url)
    assert any(f.kind == "textarea" for form in forms for f in form.fields)
