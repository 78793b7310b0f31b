from django.http import HttpResponse
from django.views.decorators.http import require_GET

from core.ratelimit import rate_limit

from . import beacon_hit

# A 1×1 transparent GIF: the beacon answers with an image so an <img> tag can call it.
PIXEL = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00"
    b"\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)


@require_GET
@rate_limit("beacon")
def beacon(request, kind, pk):
    """Count a visit and a view for a page served from a cache (see docs/counters.md).

    `{% counter_beacon obj %}` puts it in the page. Unknown kinds or objects count
    nothing; the answer is the same pixel either way, never cached.
    """
    beacon_hit(request, kind, pk)
    response = HttpResponse(PIXEL, content_type="image/gif")
    response["Cache-Control"] = "no-store, max-age=0"
    return response
