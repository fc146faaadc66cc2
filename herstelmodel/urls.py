from .views import herstelpad, reflectie, steunplan, verhaal

urlpatterns = [
    *reflectie.urlpatterns,
    *herstelpad.urlpatterns,
    *verhaal.urlpatterns,
    *steunplan.urlpatterns,
]
