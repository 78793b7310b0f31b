from django.core.management.base import BaseCommand

from cms.workflow import WORKFLOW_NAME, ensure_editorial_workflow


class Command(BaseCommand):
    help = (
        "Create or repair the editors' groups, their page and image permissions and the "
        "moderation workflow on the home page (idempotent; seed_demo runs it too)."
    )

    def handle(self, *args, **options):
        ensure_editorial_workflow()
        self.stdout.write(self.style.SUCCESS(f"Quy trình duyệt bài “{WORKFLOW_NAME}” đã sẵn sàng."))
