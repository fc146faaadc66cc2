from .views import community, meldingen, moderatie, nazit, toegang

urlpatterns = [
    *nazit.urlpatterns,
    *meldingen.urlpatterns,
    *moderatie.urlpatterns,
    *toegang.urlpatterns,
    *community.urlpatterns,
]
