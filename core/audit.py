"""Wagtail audit-log actions that carry a reason (moderators' decisions on products, booths).

The reason is stored in the log entry's `data["reason"]` and shown after the action's message
("Hidden by a moderator: counterfeit goods") on the object's history page
(/cms-admin/<model>/history/<pk>/) and in the site history report. Wagtail only shows a
separate comment for models with revisions, so the reason goes into the message itself.
"""

from wagtail.log_actions import LogFormatter


class ReasonFormatter(LogFormatter):
    """Label and message from the registration, followed by the recorded reason."""

    def format_message(self, log_entry):
        reason = (log_entry.data or {}).get("reason", "")
        return f"{self.message}: {reason}" if reason else str(self.message)


def register_reasoned_actions(actions, labels):
    """Register each `{action name: (label, message)}` on Wagtail's log-action registry."""
    for name, (label, message) in labels.items():
        actions.register_action(name)(
            type("ReasonFormatter", (ReasonFormatter,), {"label": label, "message": message})
        )
