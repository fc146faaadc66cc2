"""Backup and restore (docs/backup.md): bin/backup, bin/restore into a fresh database,
and the encrypted reflection texts still decrypt with the keys, and only with them.

PostgreSQL only: the procedure is pg_dump/pg_restore. The rows must be committed for
pg_dump to see them, hence transactional_db.
"""

import shutil
import subprocess
import textwrap
import uuid
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.db import connection

from deelnemers.fields import decrypt
from herstelmodel.models import Reflectie, Zichtbaarheid

from .factories import GroepFactory, UserFactory

BASE_DIR = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="backup and restore use pg_dump/pg_restore: run with DATABASE_URL=postgres://…",
)


def url_for(name):
    s = connection.settings_dict
    auth = quote(s["USER"] or "", safe="")
    if s["PASSWORD"]:
        auth += ":" + quote(s["PASSWORD"], safe="")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{name}"


def run(*args, env_url):
    env = {"PATH": "/usr/bin:/bin:/usr/local/bin", "DATABASE_URL": env_url}
    return subprocess.run(
        [str(a) for a in args], env=env, cwd=BASE_DIR, capture_output=True, text=True, timeout=120
    )


def documented_check():
    """The decrypt-everything one-liner from docs/backup.md (so the doc stays true)."""
    doc = (BASE_DIR / "docs" / "backup.md").read_text()
    block = doc[doc.index('shell -c "') + len('shell -c "') :]
    return textwrap.dedent(block[: block.index('"\n')])


def manage(*args, url, keys=None):
    env = {"PATH": "/usr/bin:/bin", "DATABASE_URL": url, "DEBUG": "1", "HOME": str(BASE_DIR)}
    if keys:
        env["FIELD_ENCRYPTION_KEYS"] = keys
    return subprocess.run(
        [str(BASE_DIR / ".venv" / "bin" / "python"), "manage.py", *args],
        env=env,
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_pg_tools_exist_and_are_not_older_than_the_server(transactional_db):
    for tool in ("pg_dump", "pg_restore", "createdb", "psql"):
        assert shutil.which(tool, path="/usr/bin:/bin:/usr/local/bin"), f"{tool} is missing"
    tool = subprocess.run(["pg_dump", "--version"], capture_output=True, text=True).stdout
    tool_major = int(tool.split("PostgreSQL)")[1].split()[0].split(".")[0])
    server_major = connection.cursor().connection.info.server_version // 10000
    # pg_dump refuses a newer server; an older server it can dump.
    assert tool_major >= server_major, f"pg_dump {tool_major} cannot dump server {server_major}"


@pytest.fixture
def fresh_database_name():
    name = f"ha_restore_{uuid.uuid4().hex[:10]}"
    yield name
    # Dropped even when the test failed halfway.
    with psycopg.connect(url_for("postgres"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_backup_restores_into_a_fresh_database_and_texts_decrypt(
    transactional_db, tmp_path, fresh_database_name
):
    text = f"Mijn reflectie van vandaag {uuid.uuid4().hex}"
    groep = GroepFactory()
    reflectie = Reflectie.objects.create(
        auteur=UserFactory(),
        groep=groep,
        stap=3,
        tekst=text,
        zichtbaarheid=Zichtbaarheid.ALLEEN_IK,
    )
    dump = tmp_path / "backup.dump"

    backup = run(
        BASE_DIR / "bin" / "backup", dump, env_url=url_for(connection.settings_dict["NAME"])
    )
    assert backup.returncode == 0, backup.stderr
    assert dump.stat().st_mode & 0o077 == 0, "the dump must be readable by its owner only"
    assert text.encode() not in dump.read_bytes()  # encrypted in the dump as in the table

    target = url_for(fresh_database_name)
    restore = run(BASE_DIR / "bin" / "restore", dump, env_url=target)
    assert restore.returncode == 0, restore.stderr

    with psycopg.connect(target) as conn:
        (stored,) = conn.execute(
            "SELECT tekst FROM herstelmodel_reflectie WHERE id = %s", [reflectie.pk]
        ).fetchone()
    assert text not in stored
    assert decrypt(stored) == text  # with the app's keys (FIELD_ENCRYPTION_KEYS)
    with pytest.raises(InvalidToken):  # and not without them
        MultiFernet([Fernet(Fernet.generate_key())]).decrypt(stored.encode())

    # The check in docs/backup.md, run as written against the restored database.
    check = documented_check()
    ok = manage("shell", "-c", check, url=target)
    assert ok.returncode == 0, ok.stderr[-500:]
    assert "herstelmodel.Reflectie 1 rows ok" in ok.stdout
    wrong_key = manage("shell", "-c", check, url=target, keys=Fernet.generate_key().decode())
    assert wrong_key.returncode != 0
    assert "cannot be decrypted" in wrong_key.stderr

    # A second restore into the now filled database is refused: no mixing with live data.
    again = run(BASE_DIR / "bin" / "restore", dump, env_url=target)
    assert again.returncode == 1
    assert "already has" in again.stderr


def test_backup_refuses_a_database_url_that_is_not_postgresql(tmp_path):
    result = run(BASE_DIR / "bin" / "backup", tmp_path / "x.dump", env_url="sqlite:///x.db")
    assert result.returncode == 2
    assert "PostgreSQL" in result.stderr
    assert not (tmp_path / "x.dump").exists()


def test_restore_of_a_broken_file_leaves_no_half_database(tmp_path, fresh_database_name):
    broken = tmp_path / "broken.dump"
    broken.write_bytes(b"PGDMP" + b"\x00" * 100)
    result = run(BASE_DIR / "bin" / "restore", broken, env_url=url_for(fresh_database_name))
    assert result.returncode != 0
    with psycopg.connect(url_for(fresh_database_name)) as conn:
        (tables,) = conn.execute(
            "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
        ).fetchone()
    assert tables == 0
