"""Custom error pages: calm Dutch words, no technical details."""

import pytest
from django.test import Client, override_settings
from django.urls import path

from herstelacademie import urls as project_urls


def boom(request):
    raise RuntimeError("database exploded: SELECT * FROM secrets")


urlpatterns = [*project_urls.urlpatterns, path("boom/", boom)]
handler500 = project_urls.handler500
handler404 = project_urls.handler404
handler403 = project_urls.handler403


@pytest.mark.django_db
def test_404_page_is_custom_and_dutch(client):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "We konden deze pagina niet vinden" in html
    assert 'href="/"' in html


@pytest.mark.django_db
def test_403_page_is_custom_and_dutch(client, deelnemer):
    client.force_login(deelnemer)
    response = client.get("/coordinator/")
    assert response.status_code == 403
    assert "Deze pagina is niet voor jou open" in response.content.decode()


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__)
def test_500_page_shows_no_stack_trace():
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Er ging bij ons iets mis" in html
    assert "RuntimeError" not in html
    assert "SELECT" not in html


def test_error_reports_never_carry_what_people_wrote(rf):
    import sys

    from django.views.debug import ExceptionReporter

    geheim = "mijn geheime " + "reflectie"  # joined at run time: not in the source lines
    request = rf.post("/reflecties/nieuw/", {"tekst": geheim, "stap": "2"})

    def view(request):
        tekst = request.POST["tekst"]  # a local variable holding the text
        raise RuntimeError("kapot" + str(len(tekst)))

    try:
        view(request)
    except RuntimeError:
        reporter = ExceptionReporter(request, *sys.exc_info())
    html = reporter.get_traceback_html()
    text = reporter.get_traceback_text()
    for report in (html, text):
        assert geheim not in report
        assert "RuntimeError" in report  # the report itself is still useful
