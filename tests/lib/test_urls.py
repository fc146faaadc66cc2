"""lib.urls.veilige_next: only a path on this site, never an address elsewhere."""

import pytest
from django.test import RequestFactory

from lib.urls import veilige_next

rf = RequestFactory()


@pytest.mark.parametrize(
    "volgende",
    [
        "//evil.com/",
        "https://evil.com/",
        "http://evil.com/pad/",
        "javascript:alert(1)",
        "/\\evil.com",
        "\\\\evil.com",
        "98",  # a bare word: redirect() would take it for a view name
        "",
    ],
)
def test_anything_but_a_local_path_gives_the_default(volgende):
    assert veilige_next(rf.get("/", {"next": volgende}), "/standaard/") == "/standaard/"
    assert veilige_next(rf.post("/", {"next": volgende}), "/standaard/") == "/standaard/"


def test_missing_next_gives_the_default_or_empty():
    assert veilige_next(rf.get("/"), "/standaard/") == "/standaard/"
    assert veilige_next(rf.post("/")) == ""


def test_a_local_path_is_kept_with_its_query():
    assert veilige_next(rf.get("/", {"next": "/aanbod/3/?x=1"})) == "/aanbod/3/?x=1"


def test_post_goes_before_get():
    request = rf.post("/?next=/van-get/", {"next": "/van-post/"})
    assert veilige_next(request) == "/van-post/"
    assert veilige_next(rf.post("/?next=/van-get/")) == "/van-get/"


def test_the_same_host_with_a_scheme_is_not_a_path():
    request = rf.get("/", {"next": "http://testserver/elders/"})
    assert veilige_next(request, "/standaard/") == "/standaard/"
