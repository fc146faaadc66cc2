from .views import deelname, modelspiegel, waarde

urlpatterns = [
    *deelname.urlpatterns,
    *waarde.urlpatterns,
    *modelspiegel.urlpatterns,
]
