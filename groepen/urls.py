from .views import (
    aanbod,
    beheer,
    gesprek,
    groep,
    inloop,
    intervisie,
    kalender,
    kennismaking,
    sessielog,
)

urlpatterns = [
    *aanbod.urlpatterns,
    *beheer.urlpatterns,
    *groep.urlpatterns,
    *kalender.urlpatterns,
    *inloop.urlpatterns,
    *sessielog.urlpatterns,
    *intervisie.urlpatterns,
    *kennismaking.urlpatterns,
    *gesprek.urlpatterns,
]
