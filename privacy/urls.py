"""URLs of the privacy app; each area adds its patterns here."""

urlpatterns = []
