from .views import aanbod, beheer, groep, inloop, kalender

urlpatterns = [
    *aanbod.urlpatterns,
    *beheer.urlpatterns,
    *groep.urlpatterns,
    *kalender.urlpatterns,
    *inloop.urlpatterns,
]
