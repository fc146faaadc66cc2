"""The trail can only grow: no change or delete through the ORM, and on PostgreSQL not
through raw SQL either. record() refuses free text in details."""

import pytest
from django.db import DatabaseError, connection, transaction

from audit.log import record
from audit.models import AppendOnlyError, AuditEvent

pytestmark = pytest.mark.django_db
Soort = AuditEvent.Soort


@pytest.fixture
def event(deelnemer):
    return record(Soort.EXPORT_EIGEN, actor=deelnemer, betreft=deelnemer)


def test_orm_cannot_change_or_delete(event):
    event.soort = Soort.LOGIN
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(soort=Soort.LOGIN)
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.get(pk=event.pk).soort == Soort.EXPORT_EIGEN


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_auditevent SET soort = 'login' WHERE id = %s",
        "DELETE FROM audit_auditevent WHERE id = %s",
    ],
)
def test_postgresql_refuses_raw_update_and_delete(event, sql):
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).soort == Soort.EXPORT_EIGEN


@pytest.mark.parametrize("waarde", ["x" * 41, ["lijst"], {"a": 1}, 1.5])
def test_details_hold_only_ids_and_short_codes(deelnemer, waarde):
    with pytest.raises(ValueError, match="must be an id or a short code"):
        record(Soort.EXPORT_EIGEN, actor=deelnemer, tekst=waarde)
    assert not AuditEvent.objects.exists()
