"""Views per area: nazit (plan, moments, one-click links, the coordinator's overview),
meldingen (a person's preferences and notifications), community (spaces and threads),
moderatie (the queue and the weekly digest). Each module lists its own urlpatterns;
nazorg/urls.py joins them."""
