"""doorgroei's URLs: each views module brings its own urlpatterns (as in nazorg)."""

from .views import uitkomst

urlpatterns: list = [
    *uitkomst.urlpatterns,
]
