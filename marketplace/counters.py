"""Visit and view counters (placeholder until the counters issue lands).

`record_view(request, obj)` is called by product, booth and article views;
`visits_total()` gives the stored site-visit total shown in the footer.
"""


def record_view(request, obj):
    return None


def visits_total():
    return 0
