"""Demo data step: build the search indices from what earlier steps created.

Earlier steps may use bulk_create (no signals), so the fallback's folded text is rebuilt
always, and Elasticsearch when it is configured and answering.
"""

from search.client import get_client, is_available
from search.fallback import ENTRY_KINDS, rebuild_entries
from search.rebuild import rebuild_all


def run(ctx):
    for kind in ENTRY_KINDS:
        rebuild_entries(kind)
    if get_client() is None:
        ctx.log("  Tìm kiếm: dùng cơ sở dữ liệu (chưa cấu hình Elasticsearch).")
        return
    if not is_available():
        ctx.log("  Tìm kiếm: Elasticsearch không trả lời; chạy lại `search_index rebuild` sau.")
        return
    counts = rebuild_all(stream=ctx.stdout, with_entries=False)
    ctx.log("  Tìm kiếm: " + ", ".join(f"{k} {n}" for k, n in counts.items()))
