"""Impact: the societal value report (page, PDF, CSV, assumptions) and the model mirror.

Coordinators only; everyone else who is logged in gets 403.
"""

from . import Case, logged_in

C = "coordinator"

EXPECTED = {
    "impact_waarde": Case({**logged_in(403), C: 200}),
    "impact_waarde_pdf": Case({**logged_in(403), C: 200}),
    "impact_waarde_csv": Case({**logged_in(403), C: 200}),
    "impact_aannames": Case({**logged_in(403), C: 200}),
    "impact_modelspiegel": Case({**logged_in(403), C: 200}),
    "impact_modelspiegel_csv": Case({**logged_in(403), C: 200}),
}
