"""Backups of the database and the uploaded files, and their restore.

A backup is a folder holding:

- `database.dump`: `pg_dump --format=custom` of PostgreSQL (restored with `pg_restore`),
  or `database.sqlite3`: a consistent copy of an SQLite file (SQLite's backup API);
- `media.tar.gz`: every file of the default storage (the media folder, or the S3 bucket:
  read through the storage, so it works for both);
- `manifest.json`: when, from which database engine, how many files.

`manage.py backup` writes one, `manage.py restore` reads one into the database and
storage the settings name (a fresh database: migrate nothing first). docs/deploy.md shows
the nightly timer and the restore drill.
"""

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from datetime import UTC, datetime
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connections

MANIFEST = "manifest.json"
PG_DUMP = "database.dump"
SQLITE_COPY = "database.sqlite3"
MEDIA_TAR = "media.tar.gz"


class BackupError(Exception):
    pass


def _pg_env_and_args(database):
    settings_dict = connections[database].settings_dict
    env = {**os.environ, "PGPASSWORD": str(settings_dict.get("PASSWORD") or "")}
    args = ["--dbname", settings_dict["NAME"]]
    if settings_dict.get("HOST"):
        args += ["--host", settings_dict["HOST"]]
    if settings_dict.get("PORT"):
        args += ["--port", str(settings_dict["PORT"])]
    if settings_dict.get("USER"):
        args += ["--username", settings_dict["USER"]]
    return env, args


def _run(command, env):
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[-2000:]}")


def walk_storage(storage, folder=""):
    """Every file name in *storage* under *folder*, recursively."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        yield f"{folder}/{name}" if folder else name
    for sub in folders:
        yield from walk_storage(storage, f"{folder}/{sub}" if folder else sub)


def dump_database(target, database="default"):
    vendor = connections[database].vendor
    if vendor == "postgresql":
        env, args = _pg_env_and_args(database)
        _run(
            ["pg_dump", "--format=custom", "--no-owner", "--file", str(target / PG_DUMP), *args],
            env,
        )
        return PG_DUMP
    if vendor == "sqlite":
        connection = connections[database]
        connection.ensure_connection()
        with sqlite3.connect(target / SQLITE_COPY) as copy:
            connection.connection.backup(copy)
        return SQLITE_COPY
    raise BackupError(f"no backup method for a {vendor} database")


def dump_media(target, storage=None):
    storage = storage or default_storage
    count = 0
    with tarfile.open(target / MEDIA_TAR, "w:gz") as tar:
        for name in sorted(walk_storage(storage)):
            info = tarfile.TarInfo(name)
            info.size = storage.size(name)
            info.mtime = int(datetime.now(UTC).timestamp())
            with storage.open(name, "rb") as handle:  # streamed, not read whole
                tar.addfile(info, handle)
            count += 1
    return count


def backup(target, database="default", storage=None):
    """Write a backup into the folder *target* (created; must be empty). Returns the
    manifest."""
    target = Path(target)
    target.mkdir(parents=True, exist_ok=True)
    if any(target.iterdir()):
        raise BackupError(f"{target} is not empty")
    database_file = dump_database(target, database)
    files = dump_media(target, storage)
    manifest = {
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": {"vendor": connections[database].vendor, "file": database_file},
        "media": {"file": MEDIA_TAR, "files": files},
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2))
    return manifest


def restore_database(source, manifest, database="default"):
    vendor = connections[database].vendor
    wanted = manifest["database"]["vendor"]
    if vendor != wanted:
        raise BackupError(f"the backup is of a {wanted} database, the settings name {vendor}")
    if vendor == "postgresql":
        connections[database].close()
        env, args = _pg_env_and_args(database)
        _run(
            [
                "pg_restore",
                "--no-owner",
                "--no-acl",
                "--clean",
                "--if-exists",
                "--single-transaction",
                "--exit-on-error",
                *args,
                str(source / PG_DUMP),
            ],
            env,
        )
    else:
        connections[database].close()
        name = connections[database].settings_dict["NAME"]
        shutil.copyfile(source / SQLITE_COPY, name)


def restore_media(source, storage=None):
    storage = storage or default_storage
    count = 0
    with tarfile.open(source / MEDIA_TAR, "r:gz") as tar:
        for member in tar:
            if not member.isfile():
                continue
            name = member.name
            if name.startswith("/") or ".." in Path(name).parts:
                raise BackupError(f"unsafe name in the media archive: {name}")
            if storage.exists(name):
                storage.delete(name)
            saved = storage.save(name, ContentFile(tar.extractfile(member).read()))
            if saved != name:
                raise BackupError(f"{name} was stored as {saved}")
            count += 1
    return count


def restore(source, database="default", storage=None):
    """Restore the backup in folder *source* into the database and storage. Returns the
    manifest with the number of files restored."""
    source = Path(source)
    manifest_path = source / MANIFEST
    if not manifest_path.exists():
        raise BackupError(f"{source} holds no {MANIFEST}: not a backup folder")
    manifest = json.loads(manifest_path.read_text())
    restore_database(source, manifest, database)
    manifest["media"]["restored"] = restore_media(source, storage)
    return manifest
