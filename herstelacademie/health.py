"""GET /healthz: database, broker and the age of the last periodic job.

The public answer is only "ok" (200) or "niet ok" (503): which part is down, and how old
the heartbeat is, tells an outsider when and where to push. The details (JSON) go to the
machine itself (docker/healthcheck.py connects to 127.0.0.1) and to monitoring that sends
settings.HEALTHZ_TOKEN in the X-Healthz-Token header.
"""

import hmac
import logging

from django.conf import settings
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .celery import app as celery_app
from .models import Heartbeat

logger = logging.getLogger(__name__)


def check_database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any failure means "not healthy"; the type is enough to log
        logger.error("Health check: database unreachable (%s)", type(exc).__name__)
        return {"ok": False, "detail": "unreachable"}
    return {"ok": True, "detail": connection.vendor}


def check_broker() -> dict:
    transport = celery_app.conf.broker_write_url.split("://", 1)[0]
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=2)
    except Exception as exc:
        logger.error("Health check: broker unreachable (%s)", type(exc).__name__)
        return {"ok": False, "detail": "unreachable", "transport": transport}
    return {"ok": True, "transport": transport}


def check_heartbeat(database_ok: bool) -> dict:
    if not database_ok:
        return {"ok": False, "detail": "unknown"}
    age = Heartbeat.age_seconds()
    if age is None:
        return {"ok": False, "detail": "never ran", "max_age_seconds": settings.HEARTBEAT_MAX_AGE}
    return {
        "ok": age <= settings.HEARTBEAT_MAX_AGE,
        "age_seconds": round(age, 1),
        "max_age_seconds": settings.HEARTBEAT_MAX_AGE,
    }


LOOPBACK = {"127.0.0.1", "::1"}


def mag_details_zien(request) -> bool:
    token = settings.HEALTHZ_TOKEN
    if token:
        gegeven = request.headers.get("X-Healthz-Token", "")
        # Constant time: the answer's timing must not reveal how much of a guess was right.
        if hmac.compare_digest(gegeven.encode(), token.encode()):
            return True
    # A proxy on the same machine also connects from 127.0.0.1, but adds X-Forwarded-For.
    return request.META.get("REMOTE_ADDR") in LOOPBACK and "X-Forwarded-For" not in request.headers


@never_cache
@require_GET
def healthz(request):
    database = check_database()
    broker = check_broker()
    heartbeat = check_heartbeat(database["ok"])
    healthy = database["ok"] and broker["ok"] and heartbeat["ok"]
    status = 200 if healthy else 503
    if not mag_details_zien(request):
        return HttpResponse(
            "ok" if healthy else "niet ok", status=status, content_type="text/plain; charset=utf-8"
        )
    body = {
        "status": "ok" if healthy else "unhealthy",
        "database": database,
        "broker": broker,
        "heartbeat": heartbeat,
    }
    return JsonResponse(body, status=status)
