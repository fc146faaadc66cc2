"""schema.org structured data for public pages, as a JSON-LD data block.

A `<script type="application/ld+json">` is data, not code: browsers do not run it, so
the Content Security Policy (script-src 'self') does not apply to it. It still sits inside
HTML, so <, > and & are escaped the way Django's json_script does: a title such as
"</script><script>" cannot end the block.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import _json_script_escapes
from django.utils.safestring import SafeString, mark_safe


def _zonder_leeg(waarde):
    """Leave out empty fields: an empty "telephone" tells a search engine nothing."""
    if isinstance(waarde, dict):
        return {k: _zonder_leeg(v) for k, v in waarde.items() if v not in (None, "", [], {})}
    if isinstance(waarde, list):
        return [_zonder_leeg(v) for v in waarde]
    return waarde


def ld_json(data: dict | list) -> SafeString:
    tekst = json.dumps(_zonder_leeg(data), cls=DjangoJSONEncoder, ensure_ascii=False)
    tekst = tekst.translate(_json_script_escapes)
    return mark_safe(f'<script type="application/ld+json">{tekst}</script>')  # noqa: S308
