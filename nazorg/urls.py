from .views import community, meldingen, moderatie, nazit, rust, toegang, volgen

urlpatterns = [
    *nazit.urlpatterns,
    *meldingen.urlpatterns,
    *moderatie.urlpatterns,
    *toegang.urlpatterns,
    *community.urlpatterns,
    *rust.urlpatterns,
    *volgen.urlpatterns,
]
