from .views import export, toestemming, verwijderen

urlpatterns = [
    *toestemming.urlpatterns,
    *export.urlpatterns,
    *verwijderen.urlpatterns,
]
