"""Date formats of our own, per language (settings.FORMAT_MODULE_PATH).

Django's "M" capitalises a month's abbreviation ("5 Dec", "Mrt"), which is right in
English and wrong in Dutch, where months are lowercase ("5 dec", "mrt"); its "b" is
always lowercase. So short dates use a named format, which Django looks up in these
modules for the active language: ``date_format(d, "KORTE_DATUM_FORMAT")`` in Python,
``{{ d|date:"KORTE_DATUM_FORMAT" }}`` in a template. Every name must exist in every
language module, or Django would print the name itself.
"""
