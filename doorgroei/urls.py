"""doorgroei's URLs: each views module brings its own urlpatterns (as in nazorg)."""

from .views import wensen

urlpatterns: list = [
    *wensen.urlpatterns,
]
