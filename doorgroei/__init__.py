"""Giving back (issue 16): from participant to volunteer, activities participants bring,
and the outcomes people report themselves. Sits above nazorg and below impact."""
