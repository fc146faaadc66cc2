"""URLs of the audit app: a person's own trail, and the coordinator's overview."""

from django.urls import path

from . import views

urlpatterns = [
    path("mijn-gegevens/logboek/", views.mijn_logboek, name="mijn_logboek"),
    path("coordinator/logboek/", views.audit_overzicht, name="audit_overzicht"),
    path("coordinator/logboek.csv", views.audit_csv, name="audit_csv"),
]
