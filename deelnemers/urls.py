from .academie_views import urlpatterns as academie_urls

urlpatterns = [*academie_urls]
