"""Every shape of the participant home's doorgroei query compiles with all its stand-ins
found back (doorgroei/home.py); otherwise every request would build it with the ORM
again. Apart from test_home.py, whose tests all run twice (compiled and ORM)."""

import pytest

from doorgroei import home

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("facilitator", [False, True])
@pytest.mark.parametrize("vraag_mag", [False, True])
@pytest.mark.parametrize("maanden", [(), (3,), (12, 3)])
def test_every_shape_compiles(facilitator, vraag_mag, maanden):
    vorm = home.Vorm(facilitator=facilitator, vraag_mag=vraag_mag, maanden=maanden)
    assert home._sjabloon("default", vorm) is not None
