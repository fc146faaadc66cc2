from .views import aanbod, beheer, groep, inloop, intervisie, kalender, locaties, sessielog

urlpatterns = [
    *aanbod.urlpatterns,
    *beheer.urlpatterns,
    *locaties.urlpatterns,
    *groep.urlpatterns,
    *kalender.urlpatterns,
    *inloop.urlpatterns,
    *sessielog.urlpatterns,
    *intervisie.urlpatterns,
]
