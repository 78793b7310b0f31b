"""Connecting one receiver to the saves and deletes of several models."""

from django.db.models.signals import post_delete, post_save


def on_save_or_delete(receiver, *models, uid, weak=True):
    """Call *receiver* after any save or delete of each of *models*; *uid* names the
    connections (one per model and signal, so connecting twice connects once)."""
    for model in models:
        label = model._meta.label_lower
        for signal, verb in ((post_save, "save"), (post_delete, "delete")):
            signal.connect(receiver, sender=model, weak=weak, dispatch_uid=f"{uid}-{verb}-{label}")
