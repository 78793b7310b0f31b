"""Where images live in Wagtail's library, and so who may change them.

- "Ảnh sản phẩm" (product photos): product photos, booth logos and covers, uploaded by
  sellers through the seller centre. No admin group has rights on it: editors and
  approvers can neither replace nor download these originals.
- "Ảnh tin bài" (news and pages): pictures editors upload for articles, pages and
  banners; the editors' and approvers' image rights are set on this collection
  (cms/workflow.py).

Both are children of the root collection, created after every migrate
(`ensure_collections`) and by the data migration that sorted the existing images.
"""

from django.db import transaction

PRODUCT_PHOTOS = "Ảnh sản phẩm"
EDITORIAL = "Ảnh tin bài"


def _child(name):
    from wagtail.models import Collection

    root = Collection.get_first_root_node() or Collection.add_root(name="Root")
    found = root.get_children().filter(name=name).first()
    if found is None:
        with transaction.atomic():
            found = root.add_child(name=name)
    return found


def product_collection():
    """The collection of product photos and booth pictures (created when missing)."""
    return _child(PRODUCT_PHOTOS)


def editorial_collection():
    """The collection of the editors' pictures (created when missing)."""
    return _child(EDITORIAL)


def ensure_collections():
    product_collection()
    editorial_collection()


# --- In migrations: the historical model has no tree methods ----------------------------

_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_STEP = 4  # treebeard's default step length, as Wagtail's Collection uses


def _step_value(step):
    value = 0
    for char in step:
        value = value * len(_ALPHABET) + _ALPHABET.index(char)
    return value


def _step_text(value):
    chars = []
    for _ in range(_STEP):
        value, rest = divmod(value, len(_ALPHABET))
        chars.append(_ALPHABET[rest])
    return "".join(reversed(chars))


def child_in_migration(Collection, name):
    """Find or create the root's child *name* with a migration's historical model."""
    root = Collection.objects.filter(depth=1).order_by("path").first()
    if root is None:
        root = Collection.objects.create(name="Root", path=_step_text(1), depth=1, numchild=0)
    children = Collection.objects.filter(depth=2, path__startswith=root.path)
    found = children.filter(name=name).first()
    if found is not None:
        return found
    last = children.order_by("-path").values_list("path", flat=True).first()
    step = _step_value(last[-_STEP:]) + 1 if last else 1
    child = Collection.objects.create(
        name=name, path=root.path + _step_text(step), depth=2, numchild=0
    )
    Collection.objects.filter(pk=root.pk).update(numchild=children.count())
    return child
