from .views import aanbod, beheer, groep, inloop, intervisie, kalender, kennismaking, sessielog

urlpatterns = [
    *aanbod.urlpatterns,
    *beheer.urlpatterns,
    *groep.urlpatterns,
    *kalender.urlpatterns,
    *inloop.urlpatterns,
    *sessielog.urlpatterns,
    *intervisie.urlpatterns,
    *kennismaking.urlpatterns,
]
