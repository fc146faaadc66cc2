"""URLs of the audit app; each area adds its patterns here."""

urlpatterns = []
