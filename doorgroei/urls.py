"""doorgroei's URLs: each views module brings its own urlpatterns (as in nazorg)."""

from .views import voorstel, voorstel_beheer

urlpatterns: list = [
    *voorstel.urlpatterns,
    *voorstel_beheer.urlpatterns,
]
