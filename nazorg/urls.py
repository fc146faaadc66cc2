from .views import community, meldingen, moderatie, nazit

urlpatterns = [
    *nazit.urlpatterns,
    *meldingen.urlpatterns,
    *moderatie.urlpatterns,
    *community.urlpatterns,
]
