"""lib.mail: subject, text and (when there is a template) HTML, in the recipient's language."""

import copy

import pytest
from django.core import mail

from lib.mail import bouw_mail

SJABLONEN = {
    # Line breaks and indentation, as a template has them: the subject is one line.
    "post/welkom_onderwerp.txt": "{% load i18n %}\n  {% translate 'Yes' %}:\n hallo\n {{ naam }}\n",
    "post/welkom.txt": "{% load i18n %}{% translate 'Yes' %}, {{ naam }}! {{ site_url }}",
    "post/welkom.html": "<p>{{ naam }}</p>",
    "post/kaal_onderwerp.txt": "Kaal",
    "post/kaal.txt": "Alleen tekst voor {{ naam }}",
}


@pytest.fixture(autouse=True)
def sjablonen(settings, tmp_path):
    for naam, inhoud in SJABLONEN.items():
        pad = tmp_path / naam
        pad.parent.mkdir(parents=True, exist_ok=True)
        pad.write_text(inhoud)
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [tmp_path, *templates[0]["DIRS"]]
    settings.TEMPLATES = templates
    settings.ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Academie] "
    settings.SITE_URL = "https://academie.example"
    settings.LANGUAGE_CODE = "nl"


def test_subject_text_and_html_with_prefix_on_one_line():
    bericht = bouw_mail("post/welkom", "sam@example.com", {"naam": "Sam & Co"})
    assert bericht.subject == "[Academie] Ja: hallo Sam &amp; Co"
    assert bericht.body == "Ja, Sam &amp; Co! https://academie.example"
    assert bericht.to == ["sam@example.com"]
    assert bericht.alternatives[0][1] == "text/html"
    assert bericht.alternatives[0][0] == "<p>Sam &amp; Co</p>"


def test_without_an_html_template_the_mail_is_plain_text():
    bericht = bouw_mail("post/kaal", "sam@example.com", {"naam": "Sam"})
    assert bericht.alternatives == []
    assert bericht.body == "Alleen tekst voor Sam"
    assert bericht.message().get_content_type() == "text/plain"


def test_rendered_in_the_given_language_and_the_site_language_by_default():
    assert bouw_mail("post/welkom", "a@b.nl", {"naam": "Sam"}, taal="en").body.startswith("Yes")
    assert bouw_mail("post/welkom", "a@b.nl", {"naam": "Sam"}).body.startswith("Ja")


def test_headers_and_connection_are_passed_on():
    bericht = bouw_mail(
        "post/welkom",
        "sam@example.com",
        {"naam": "Sam"},
        headers={"Message-ID": "<vast-1@academie.example>", "List-Unsubscribe": "<https://x/>"},
    )
    bericht.send()
    [verstuurd] = mail.outbox
    assert verstuurd.message()["Message-ID"] == "<vast-1@academie.example>"
    assert verstuurd.message()["List-Unsubscribe"] == "<https://x/>"


def test_a_missing_text_template_is_an_error_not_an_empty_mail():
    from django.template import TemplateDoesNotExist

    with pytest.raises(TemplateDoesNotExist):
        bouw_mail("post/bestaat_niet", "sam@example.com", {})
