from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from deelnemers import views as deelnemers_views

from . import health, views

# The admin logs in through allauth, so MFA and rate limits apply there too.
admin.site.login = secure_admin_login(admin.site.login)
# Only superusers: the staff flag alone would open the admin's index page.
admin.site.has_permission = lambda request: request.user.is_active and request.user.is_superuser
admin.site.site_header = "Herstelacademie"

urlpatterns = [
    path("", views.home, name="home"),
    path("mijn-overzicht/", views.mijn_overzicht, name="mijn_overzicht"),
    path("facilitator/", views.facilitator_home, name="facilitator_home"),
    path("coordinator/", views.coordinator_home, name="coordinator_home"),
    path("tweestaps-nodig/", views.mfa_required, name="mfa_required"),
    path("mijn-gegevens/", deelnemers_views.mijn_gegevens, name="mijn_gegevens"),
    path("mijn-gegevens/zes-stappen/", deelnemers_views.zes_stappen, name="zes_stappen"),
    path("healthz", health.healthz, name="healthz"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("", include("deelnemers.urls")),
    path("", include("groepen.urls")),
    path("", include("herstelmodel.urls")),
    path("", include("nazorg.urls")),
    path("", include("doorgroei.urls")),
    path("", include("audit.urls")),
    path("", include("impact.urls")),
    path("", include("privacy.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
]

handler403 = "herstelacademie.errors.permission_denied"
handler404 = "herstelacademie.errors.page_not_found"
handler500 = "herstelacademie.errors.server_error"
