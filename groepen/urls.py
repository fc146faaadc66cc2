from .views import (
    aanbod,
    beheer,
    gesprek,
    groep,
    inloop,
    intervisie,
    kalender,
    kennismaking,
    locaties,
    rollen,
    sessielog,
)

urlpatterns = [
    *aanbod.urlpatterns,
    *beheer.urlpatterns,
    *locaties.urlpatterns,
    *groep.urlpatterns,
    *kalender.urlpatterns,
    *inloop.urlpatterns,
    *sessielog.urlpatterns,
    *intervisie.urlpatterns,
    *kennismaking.urlpatterns,
    *gesprek.urlpatterns,
    *rollen.urlpatterns,
]
