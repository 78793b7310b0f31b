"""What the counters count, filled by the apps that own the counted models.

The counters app knows nothing of products, booths or articles: each domain app calls
`register()` from its own `AppConfig.ready()`:

    register("catalog.product", kind="product", letter="p")

- *kind* is the name stored in the counter rows (`DailyCount.kind`);
- *letter* is its one-letter tag in the visitor cookie (short cookies);
- the model must have a `view_count` field, which the flush keeps up to date.

Site visits are not a model: they are kind `VISIT` with object id 0, and their running
total is the `CounterTotal` named `VISITS_TOTAL`.
"""

from dataclasses import dataclass

from django.apps import apps

VISIT = "visit"
VISITS_TOTAL = "visits"


@dataclass(frozen=True)
class Counted:
    label: str
    kind: str
    letter: str

    @property
    def model(self):
        return apps.get_model(self.label)


_by_kind: dict[str, Counted] = {}
_by_label: dict[str, Counted] = {}
_by_letter: dict[str, Counted] = {}


def register(label, *, kind, letter):
    label = label.lower()
    counted = Counted(label=label, kind=kind, letter=letter)
    for table, key in ((_by_kind, kind), (_by_label, label), (_by_letter, letter)):
        existing = table.get(key)
        if existing is not None and existing != counted:
            raise ValueError(f"counters: {key!r} is already registered for {existing.label}")
        table[key] = counted
    return counted


def registered():
    """Every registered kind, in registration order."""
    return list(_by_kind.values())


def kinds():
    return list(_by_kind)


def by_kind(kind):
    return _by_kind.get(kind)


def by_letter(letter):
    return _by_letter.get(letter)


def kind_for(obj):
    """The counted kind of *obj* (a model instance or a Wagtail page), or None."""
    meta = getattr(obj, "_meta", None)
    counted = _by_label.get(meta.label_lower) if meta is not None else None
    if counted is None and getattr(obj, "specific_class", None) is not None:
        counted = _by_label.get(obj.specific_class._meta.label_lower)  # a Wagtail Page
    return counted.kind if counted else None
