from .views import deelname, waarde

urlpatterns = [
    *deelname.urlpatterns,
    *waarde.urlpatterns,
]
