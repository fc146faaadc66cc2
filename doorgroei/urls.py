"""doorgroei's URLs: each views module brings its own urlpatterns (as in nazorg)."""

urlpatterns: list = []
