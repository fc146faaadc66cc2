"""Expected status per URL and role, one module per area; tests/test_url_walk.py merges them.

Each module defines EXPECTED = {url_name: Case(...)}. Roles: anonymous, outsider,
deelnemer, facilitator, coordinator (fixtures in tests/conftest.py). `kwargs` is a dict
or a function of the `world` fixture (tests/conftest.py), so object URLs can point at
"my group" or "another group".

The rule: anonymous -> LOGIN (redirect to login); logged in but not allowed -> 403;
an object the person may not know about -> 404.
"""

from dataclasses import dataclass, field
from typing import Any

LOGIN = "login"
ROLES = ["anonymous", "outsider", "deelnemer", "facilitator", "coordinator"]


def same(status):
    return dict.fromkeys(ROLES, status)


def logged_in(status, anonymous=LOGIN):
    return {**same(status), "anonymous": anonymous}


@dataclass
class Case:
    statuses: dict
    kwargs: Any = field(default_factory=dict)
    method: str = "get"
