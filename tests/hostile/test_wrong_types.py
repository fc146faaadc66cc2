"""Wrong types in every form field and every query parameter, for every role: never a 500.

Per page of the URL walk and per role that may open it: every query parameter the page
can read (names in links to the page, fields of its GET forms, names its view module
reads from request.GET, plus the names any of our code reads and the usual suspects)
and every field of every POST form on the page get letters for numbers, numbers no
column holds, values that are not an option, dates that do not exist, the field twice
and the field left out (tests/hostile/wrongtypes.py builds the requests). Asserted: no
500, no exception raised or logged, and the usual checks of the hostile suite (no
injected markup, no off-site redirect, the CSP). A finding names the role, the URL, the
field, the value and what went wrong.
"""

import logging

import pytest
from django.urls import Resolver404, resolve

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
from .htmlscan import Field, Form, get_forms_and_links, post_forms
from .test_hostile_input import FORM, Findings
from .wrongtypes import form_attempts, query_attempts

pytestmark = pytest.mark.slow


class ErrorLog(logging.Handler):
    """Collects ERROR records: a view that catches its own exception and logs it still failed."""

    def __init__(self):
        super().__init__(level=logging.ERROR)
        self.records = []

    def emit(self, record):
        self.records.append(record)


@pytest.fixture
def error_log():
    handler = ErrorLog()
    logging.getLogger().addHandler(handler)
    yield handler
    logging.getLogger().removeHandler(handler)


class WrongTypeFindings(Findings):
    def __init__(self, error_log):
        super().__init__()
        self.error_log = error_log
        self.followed = set()

    def append(self, finding):
        if finding not in self:  # the rotation and the alone pass may find the same
            super().append(finding)

    def send(self, client, method, url, attempt):
        """Send one attempt; (response, finding text or None)."""
        self.error_log.records.clear()
        if method == "get":
            response, error = request(client, "get", f"{url}?{attempt.encoded()}")
        else:
            response, error = request(
                client, "post", url, data=attempt.encoded(), content_type=FORM
            )
        # Only what wrong types cause: markup scans are test_hostile_input's job (these
        # values hold no markup), and skipping them keeps this sweep affordable.
        if error:
            problem = f"raised {error}"
        elif response.status_code >= 500 and response.status_code != 503:
            problem = f"HTTP {response.status_code}"
        elif response.status_code in (301, 302, 303, 307, 308) and not is_local(
            response["Location"]
        ):
            problem = f"redirects off-site to {response['Location'][:80]}"
        elif self.error_log.records:
            record = self.error_log.records[0]
            problem = f"logged {record.levelname} {record.getMessage()[:120]}"
        else:
            problem = None
        return response, problem

    def attack(self, client, role, method, url, attempt, where=""):
        response, problem = self.send(client, method, url, attempt)
        if problem is None:
            if response.status_code in (301, 302, 303):
                what = f"{role} {method.upper()} {url}{where} [{attempt.describe()}]"
                self.follow(client, what, response)
            return
        # Which field: each of the request's wrong fields again, alone.
        alone = attempt.alone() if len(attempt.wrong) > 1 else [attempt]
        named = False
        for single in alone:
            _, single_problem = (
                self.send(client, method, url, single) if single is not attempt else (None, problem)
            )
            if single_problem:
                named = True
                self.append(
                    f"{role} {method.upper()} {url}{where} {single.describe()}: {single_problem}"
                )
        if not named:
            together = f"only together [{attempt.describe()}]"
            self.append(f"{role} {method.upper()} {url}{where} {together}: {problem}")

    def follow(self, client, what, response):
        """The page a redirect leads to, once per location: it shows what was stored."""
        if response is None or response.status_code not in (301, 302, 303):
            return
        if response["Location"] in self.followed:
            return
        self.followed.add(response["Location"])
        super().follow(client, what, response)


def view_module(path):
    try:
        return resolve(path).func.__module__
    except Resolver404:
        return None


def attack_queries(client, role, url, html, findings):
    get_forms, links = get_forms_and_links(html, url)
    targets = {url: view_module(url)}
    for form in get_forms:  # a search form may send its query to another page
        path = form.action.split("?")[0]
        targets.setdefault(path, view_module(path))
    for target, module in targets.items():
        if module is None:
            continue
        for attempt in query_attempts(target, links, get_forms, module):
            findings.attack(client, role, "get", target, attempt)


def attack_forms(client, role, url, html, foreign_ids, findings):
    for form in post_forms(html, url):
        if form.action.split("?")[0] in NOT_ATTACKED:
            continue
        for attempt in form_attempts(form, foreign_ids):
            findings.attack(client, role, "post", form.action, attempt, f" (form on {url})")


@pytest.mark.parametrize("name", page_names())
def test_wrong_types_on_page(name, world, role_client, foreign_ids, error_log):
    findings = WrongTypeFindings(error_log)
    url = url_for(name, world)
    for role in roles_with(name):
        client = role_client(role)
        response, error = request(client, "get", url)
        if not findings.check(f"{role} GET {url}", response, error) or response.status_code != 200:
            continue
        html = page_html(response)
        attack_queries(client, role, url, html, findings)
        attack_forms(client, role, url, html, foreign_ids, findings)
    assert not findings, "\n".join(findings)


JUNK_FIELDS = ("groep", "actie", "next", "lid", "stap", "id", "persoon")


@pytest.mark.parametrize("name", post_names())
def test_wrong_types_on_post_only_url(name, world, role_client, foreign_ids, error_log):
    """POST-only URLs (buttons elsewhere): the fields such buttons carry, with wrong types."""
    findings = WrongTypeFindings(error_log)
    url = url_for(name, world)
    junk = Form(action=url, fields=[Field(n, "hidden", "1") for n in JUNK_FIELDS])
    for role in roles_not_redirected(name):
        client = role_client(role)
        for attempt in form_attempts(junk, foreign_ids):
            findings.attack(client, role, "post", url, attempt)
    assert not findings, "\n".join(findings)


# --- The sweep itself --------------------------------------------------------------------


@pytest.mark.urls("tests.hostile.brittle_urls")
def test_the_sweep_names_the_field_and_value_of_a_500(db, client, error_log):
    findings = WrongTypeFindings(error_log)
    html = client.get("/post/").content.decode()
    attack_forms(client, "deelnemer", "/post/", html, {"groep": 1}, findings)
    assert (
        "deelnemer POST /post/ (form on /post/) groep='abc' (letters): raised ValueError"
        in "\n".join(findings)
    )
    # Every finding names the one field: the hidden group, never the whole bundle.
    # (The form's "actie" is a hidden field: in the rotation it is always wrong, so only
    # the alone pass reaches the group with a wrong value.)
    assert findings
    assert all(" groep=" in f and "only together" not in f for f in findings)


@pytest.mark.urls("tests.hostile.brittle_urls")
def test_the_sweep_finds_query_parameters_and_logged_errors(db, client, error_log):
    findings = WrongTypeFindings(error_log)
    for url in ("/get/", "/logt/"):
        attack_queries(client, "coordinator", url, "", findings)
    text = "\n".join(findings)
    assert "coordinator GET /get/ pagina='abc' (letters): raised ValueError" in text
    assert "coordinator GET /logt/ jaar='abc' (letters): logged ERROR jaar kapot" in text


def test_the_reminder_choices_get_a_group_that_is_not_a_number(world, role_client):
    """The 500 of issue 15 (POST /nazorg/voorkeuren/, groep=abc) is among the cases."""
    url = url_for("nazorg_voorkeuren", world)
    html = page_html(role_client("deelnemer").get(url))
    sent = [a for form in post_forms(html, url) for a in form_attempts(form, {})]
    assert any(
        a.wrong == {"groep": 0} and ("actie", "stop") in a.extra and "groep=abc" in a.encoded()
        for a in sent
    )


def test_query_parameters_are_found_in_links_forms_and_code():
    from .wrongtypes import names_read_by_the_code, query_params

    # The code scan sees what our views read from request.GET.
    assert {"pagina", "periode", "start", "zoek", "bijeenkomst", "next"} <= set(
        names_read_by_the_code()
    )
    html = """<a href="/p/?pagina=2&amp;soortje=a">2</a><a href="/ander/?alleen=1">x</a>
      <form method="get" action="/p/"><select name="kwartaal"><option value="1">Q1</option>
      </select></form>"""
    forms, links = get_forms_and_links(html, "/p/")
    everything, own = query_params("/p/", links, forms, "herstelmodel.views.herstelpad")
    own_names = {p.name for p in own}
    # Links to this page, its GET form, and what the view module reads are its own.
    assert {"pagina", "soortje", "kwartaal", "groep", "bijeenkomst"} <= own_names
    # A link to another page is not; the known names ride along in the rotation.
    assert "alleen" not in own_names
    assert {"periode", "page", "next"} <= {p.name for p in everything} - own_names
    assert next(p for p in own if p.name == "kwartaal").options == ["1"]
