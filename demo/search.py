"""Demo data step: build the search indices from what earlier steps created.

Earlier steps may use bulk_create (no signals), so the fallback's folded text is rebuilt
always, and Elasticsearch when it is configured and answering.
"""

from search import indexing
from search.client import get_client, is_available
from search.models import Kind


def run(ctx):
    for kind in (Kind.PRODUCT, Kind.BOOTH, Kind.ARTICLE):
        indexing.rebuild_entries(kind)
    if get_client() is None:
        ctx.log("  Tìm kiếm: dùng cơ sở dữ liệu (chưa cấu hình Elasticsearch).")
        return
    if not is_available():
        ctx.log("  Tìm kiếm: Elasticsearch không trả lời; chạy lại `search_index rebuild` sau.")
        return
    counts = indexing.rebuild_all(stream=ctx.stdout, with_entries=False)
    ctx.log("  Tìm kiếm: " + ", ".join(f"{k} {n}" for k, n in counts.items()))
