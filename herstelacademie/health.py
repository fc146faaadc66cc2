"""GET /healthz: database, broker and the age of the last periodic job."""

import logging

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
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


@never_cache
@require_GET
def healthz(request):
    database = check_database()
    broker = check_broker()
    heartbeat = check_heartbeat(database["ok"])
    healthy = database["ok"] and broker["ok"] and heartbeat["ok"]
    body = {
        "status": "ok" if healthy else "unhealthy",
        "database": database,
        "broker": broker,
        "heartbeat": heartbeat,
    }
    return JsonResponse(body, status=200 if healthy else 503)
