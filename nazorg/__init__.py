"""Nazit moments, reminders and the aftercare community (arrives with its own issue)."""
