"""The editors' workflow: who may draft, who may publish, and the moderation workflow.

- "Biên tập viên" (editors): write and edit pages under the home page, submit them for
  moderation; they cannot publish.
- "Duyệt bài" (approvers): approve and publish; the workflow's approval task belongs to
  them.

`ensure_editorial_workflow()` is idempotent; the seed and the tests call it.
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from accounts import roles
from images.collections import editorial_collection

WORKFLOW_NAME = "Duyệt tin bài"
TASK_NAME = "Duyệt bài trước khi đăng"

EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "lock_page", "unlock_page"]
APPROVER_PAGE_PERMISSIONS = EDITOR_PAGE_PERMISSIONS + ["publish_page"]
# On the news-and-pages collection only: product photos and booth pictures live in a
# collection of their own that editors can neither change nor download (images.collections).
IMAGE_PERMISSIONS = ["add", "change", "choose"]
# Model permissions: (app_label, codename)
EDITOR_MODEL_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("cms", "add_newscategory"),
    ("cms", "change_newscategory"),
]
APPROVER_MODEL_PERMISSIONS = EDITOR_MODEL_PERMISSIONS + [
    ("cms", "delete_newscategory"),
    ("cms", "change_navigationsettings"),
    ("core", "change_sitesettings"),
]


def _permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _page_permission(codename):
    page_ct = ContentType.objects.get(app_label="wagtailcore", model="page")
    return Permission.objects.get(content_type=page_ct, codename=codename)


def _image_permission(action):
    # Wagtail checks image permissions against wagtailimages.Image even with a custom
    # image model (its policy's auth_model): add_image, change_image, choose_image.
    image_ct = ContentType.objects.get(app_label="wagtailimages", model="image")
    return Permission.objects.get(content_type=image_ct, codename=f"{action}_image")


@transaction.atomic
def ensure_editorial_workflow(home=None):
    """Create (or repair) both groups, their permissions and the moderation workflow."""
    from cms.models import HomePage

    home = home or HomePage.objects.first()
    editors, _ = Group.objects.get_or_create(name=roles.EDITORS)
    approvers, _ = Group.objects.get_or_create(name=roles.APPROVERS)
    root_collection = Collection.get_first_root_node() or Collection.add_root(name="Root")
    pictures = editorial_collection()

    for group, page_perms, model_perms in (
        (editors, EDITOR_PAGE_PERMISSIONS, EDITOR_MODEL_PERMISSIONS),
        (approvers, APPROVER_PAGE_PERMISSIONS, APPROVER_MODEL_PERMISSIONS),
    ):
        group.permissions.add(*[_permission(app, code) for app, code in model_perms])
        if home is not None:
            for codename in page_perms:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=home, permission=_page_permission(codename)
                )
        # Rights on the root would reach every collection below it, product photos too.
        GroupCollectionPermission.objects.filter(group=group, collection=root_collection).delete()
        for action in IMAGE_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=pictures, permission=_image_permission(action)
            )

    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    task.groups.set([approvers])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    if home is not None:
        WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})
    return workflow
