from django.urls import path

from . import views
from .views_community import urlpatterns as community_urls
from .views_moderatie import urlpatterns as moderatie_urls

urlpatterns = [
    path("beheer/aanbod/<int:pk>/nazit/", views.nazit_plan, name="nazit_plan"),
    path("nazit/<int:pk>/", views.nazit_moment, name="nazit_moment"),
    path("nazit/antwoord/<str:token>/", views.rsvp_view, name="rsvp"),
    path("nazit/afmelden/<str:token>/", views.uitschrijven_nazit, name="uitschrijven_nazit"),
    path("nazorg/voorkeuren/", views.nazorg_voorkeuren, name="nazorg_voorkeuren"),
    path("nazorg/", views.nazorg_overzicht, name="nazorg_overzicht"),
    path("meldingen/", views.meldingen, name="meldingen"),
    *moderatie_urls,
    *community_urls,
]
