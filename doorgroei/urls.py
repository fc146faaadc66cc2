"""doorgroei's URLs: each views module brings its own urlpatterns (as in nazorg)."""

from .views import getuigenis, ontwikkeling, wensen

urlpatterns: list = []
urlpatterns += ontwikkeling.urlpatterns
urlpatterns += getuigenis.urlpatterns
urlpatterns += wensen.urlpatterns
