"""Who may see the coordinator figures, and who may export names.

The model permission impact.export_named (on Aanname, granted in the admin by a
superuser) is a separate, explicit step on top of the coordinator role. The rules
permission has a different name (export_names): a rules perm with the model perm's own
name would make ModelBackend and the rules backend answer the same question.
"""

import rules

from deelnemers.rules import is_coordinator

MODEL_PERM_NAMEN = "impact.export_named"


@rules.predicate
def heeft_exportrecht(user):
    # get_all_permissions is ModelBackend only (user and group permissions), so the
    # rules backend cannot grant this by accident.
    return bool(
        user
        and user.is_authenticated
        and user.is_active
        and MODEL_PERM_NAMEN in user.get_all_permissions()
    )


rules.add_perm("impact.view_dashboard", is_coordinator)
rules.add_perm("impact.edit_assumptions", is_coordinator)
rules.add_perm("impact.export_names", is_coordinator & heeft_exportrecht)
