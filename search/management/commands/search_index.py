"""`manage.py search_index rebuild|status|catch_up`.

- rebuild: new indices filled with bulk requests, alias swapped atomically, old index
  dropped; also rebuilds the folded text the database fallback searches.
- status: documents per index against the database (and deleted copies awaiting a
  merge), and the pending backlog.
- catch_up: apply pending changes (after an Elasticsearch outage); safe on a schedule.
"""

from django.core.management.base import BaseCommand, CommandError

from search.client import SearchUnavailable, get_client
from search.documents import KINDS
from search.fallback import rebuild_entries
from search.models import Kind
from search.rebuild import rebuild, status
from search.sync import catch_up


class Command(BaseCommand):
    help = "Rebuild the search indices, report their state, or apply pending changes."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        rebuild = sub.add_parser("rebuild", help="Build new indices and swap the aliases")
        rebuild.add_argument("--only", choices=KINDS, action="append", help="Only these indices")
        rebuild.add_argument("--chunk-size", type=int, default=1000)
        sub.add_parser("status", help="Documents indexed against the database, pending changes")
        catch = sub.add_parser("catch_up", help="Apply pending changes")
        catch.add_argument("--batch", type=int, default=1000)

    def handle(self, *args, action, **options):
        return getattr(self, f"do_{action}")(**options)

    def do_rebuild(self, only=None, chunk_size=1000, **options):
        kinds = only or list(KINDS)
        entry_kind = {"products": Kind.PRODUCT, "booths": Kind.BOOTH, "articles": Kind.ARTICLE}
        for kind in kinds:
            n = rebuild_entries(entry_kind[kind])
            self.stdout.write(f"database fallback: {kind} {n}")
        client = get_client()
        if client is None:
            self.stdout.write("ELASTICSEARCH_URL is not set: only the database fallback was built.")
            return
        for kind in kinds:
            try:
                n = rebuild(kind, client=client, stream=self.stdout, chunk_size=chunk_size)
            except SearchUnavailable as exc:
                raise CommandError(f"Elasticsearch did not answer: {exc}") from exc
            self.stdout.write(self.style.SUCCESS(f"{kind}: {n} documents indexed"))

    def do_status(self, **options):
        info = status()
        for row in info["kinds"]:
            indexed = "?" if row["indexed"] is None else row["indexed"]
            flag = "" if row["indexed"] == row["database"] else "  (differs)"
            deleted = "?" if row["deleted"] is None else row["deleted"]
            self.stdout.write(
                f"{row['kind']:<9} database {row['database']:>8}  indexed {indexed:>8}"
                f"  deleted {deleted:>6}  {', '.join(row['indices']) or '-'}{flag}"
            )
        self.stdout.write(f"pending changes: {info['pending']}")
        if info["oldest_pending"]:
            self.stdout.write(f"oldest pending: {info['oldest_pending']:%Y-%m-%d %H:%M:%S}")

    def do_catch_up(self, batch=1000, **options):
        if get_client() is None:
            self.stdout.write("ELASTICSEARCH_URL is not set: nothing to do.")
            return
        try:
            n = catch_up(batch=batch)
        except SearchUnavailable as exc:
            raise CommandError(f"Elasticsearch did not answer; changes kept: {exc}") from exc
        self.stdout.write(self.style.SUCCESS(f"{n} pending changes applied"))
