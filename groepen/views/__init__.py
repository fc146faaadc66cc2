"""Views per area: aanbod (participants browse and enrol), beheer (coordinators plan),
groep (group page, attendance, certificate), kalender (iCal feed), inloop (walk-in counts).
Each module lists its own urlpatterns; groepen/urls.py joins them."""
