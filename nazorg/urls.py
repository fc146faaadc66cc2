from .views import community, meldingen, moderatie, nazit, rust

urlpatterns = [
    *nazit.urlpatterns,
    *meldingen.urlpatterns,
    *moderatie.urlpatterns,
    *community.urlpatterns,
    *rust.urlpatterns,
]
