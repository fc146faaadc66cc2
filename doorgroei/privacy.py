"""What doorgroei holds about a person. Each topic declares its own provider in
doorgroei/privacy_<topic>.py (a module-level PROVIDER built with lib.privacy) and gets one
line below: wishes to help, activity proposals, development records, outcome check-ins."""

from lib.privacy import registreer

from . import privacy_groei
from .privacy_uitkomsten import PROVIDER as UITKOMSTEN
from .privacy_voorstellen import PROVIDER as VOORSTELLEN
from .privacy_wensen import PROVIDER as WENSEN

registreer(privacy_groei.PROVIDER)
registreer(WENSEN)
registreer(VOORSTELLEN)
registreer(UITKOMSTEN)
