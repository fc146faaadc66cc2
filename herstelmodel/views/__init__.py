"""Views per area: reflectie (write, share, read log, facilitators' view), herstelpad
(herkenning moments, "Mijn herstelpad", the model explained), verhaal ("Mijn verhaal" and
getuigenissen). Each module lists its own urlpatterns; herstelmodel/urls.py joins them."""
