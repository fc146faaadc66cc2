"""doorgroei's URLs: each views module brings its own urlpatterns (as in nazorg)."""

from .views import getuigenis, ontwikkeling, uitkomst, voorstel, voorstel_beheer, wensen

urlpatterns: list = []
urlpatterns += ontwikkeling.urlpatterns
urlpatterns += getuigenis.urlpatterns
urlpatterns += wensen.urlpatterns
urlpatterns += voorstel.urlpatterns
urlpatterns += voorstel_beheer.urlpatterns
urlpatterns += uitkomst.urlpatterns
