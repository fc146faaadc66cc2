from .views import community, meldingen, missen, moderatie, nazit, rust, toegang, volgen

urlpatterns = [
    *nazit.urlpatterns,
    *meldingen.urlpatterns,
    *moderatie.urlpatterns,
    *toegang.urlpatterns,
    *community.urlpatterns,
    *rust.urlpatterns,
    *missen.urlpatterns,
    *volgen.urlpatterns,
]
