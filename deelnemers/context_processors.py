from django.utils.functional import SimpleLazyObject

from .academie import huidige_academie


def academie(request):
    """`academie` in every template. Lazy: a page that never shows it does not ask, and a
    page that does asks once (the cache usually answers without a query)."""
    return {"academie": SimpleLazyObject(huidige_academie)}
