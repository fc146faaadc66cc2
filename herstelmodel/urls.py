from .views import herstelpad, reflectie, verhaal

urlpatterns = [*reflectie.urlpatterns, *herstelpad.urlpatterns, *verhaal.urlpatterns]
