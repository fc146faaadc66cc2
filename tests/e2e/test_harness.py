"""The browser test harness itself: it must notice what it promises to notice.

A harness that silently checks nothing would make every other browser test meaningless.
"""

import pytest

from .conftest import assert_accessible, visit


def test_site_sends_a_strict_csp(page, url):
    response = visit(page, url("/accounts/login/"))

    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp


def test_axe_runs_under_the_csp_and_reports_serious_violations(page, url):
    visit(page, url("/accounts/login/"))
    page.evaluate(
        """() => {
            const img = document.createElement("img");
            img.src = "/static/img/favicon.svg";  // no alt text
            img.id = "zonder-alt";
            const button = document.createElement("button");  // no name at all
            button.id = "zonder-naam";
            document.querySelector("main").append(img, button);
        }"""
    )

    with pytest.raises(AssertionError) as raised:
        assert_accessible(page)

    message = str(raised.value)
    assert "image-alt (critical)" in message
    assert "#zonder-alt" in message
    assert "button-name (critical)" in message
    assert "#zonder-naam" in message
    # Put the page right again, so the automatic check at teardown passes.
    page.evaluate(
        "() => document.querySelectorAll('#zonder-alt, #zonder-naam').forEach(e => e.remove())"
    )
    assert_accessible(page)


def test_csp_violations_and_page_errors_are_recorded(page, url):
    visit(page, url("/accounts/login/"))

    with page.expect_console_message(lambda m: "Content Security Policy" in m.text):
        page.evaluate(
            """() => {
                const s = document.createElement("script");
                s.textContent = "window.inlineRan = true;";
                document.head.append(s);
            }"""
        )
    assert page.evaluate("() => window.inlineRan") is None
    assert page.problems.csp_violations()

    with page.expect_event("pageerror"):
        page.evaluate("() => { setTimeout(() => { throw new Error('kapot'); }); }")
    assert any("kapot" in e for e in page.problems.page_errors)

    # Both would fail this test at teardown; they were caused on purpose.
    page.problems.console.clear()
    page.problems.page_errors.clear()
