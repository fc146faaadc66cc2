from .views import aanbod, beheer, gesprek, groep, inloop, intervisie, kalender, sessielog

urlpatterns = [
    *aanbod.urlpatterns,
    *beheer.urlpatterns,
    *groep.urlpatterns,
    *kalender.urlpatterns,
    *inloop.urlpatterns,
    *sessielog.urlpatterns,
    *intervisie.urlpatterns,
    *gesprek.urlpatterns,
]
