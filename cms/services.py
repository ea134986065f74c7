"""Writes of the portal's content set-up: the editor -> reviewer moderation workflow."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

EDITORS_GROUP = "内容编辑"
REVIEWERS_GROUP = "内容审核"
WORKFLOW_NAME = "新闻与政策审核"
TASK_NAME = "审核员审核"

# Editors draft and submit; only reviewers publish.
EDITOR_PAGE_PERMISSIONS = ["add", "change"]
REVIEWER_PAGE_PERMISSIONS = ["add", "change", "publish", "lock", "unlock"]
MEDIA_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
    ("wagtailadmin", "access_admin"),
]


def _group_with_permissions(name: str, *, root: Page, page_permissions: list[str]) -> Group:
    group, _ = Group.objects.get_or_create(name=name)
    for app_label, codename in MEDIA_PERMISSIONS:
        permission = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if permission:
            group.permissions.add(permission)
    for permission_type in page_permissions:
        if not GroupPagePermission.objects.filter(
            group=group, page=root, permission__codename=f"{permission_type}_page"
        ).exists():
            GroupPagePermission.objects.create(
                group=group, page=root, permission_type=permission_type
            )
    return group


@transaction.atomic
def set_up_moderation_workflow(*, root: Page, moderated: list[Page]) -> Workflow:
    """Create the editor and reviewer groups and put `moderated` sections under review.

    Editors may edit everything below `root`; pages below each `moderated` page (news,
    policies) are published only after a reviewer approves them. Safe to run again.
    """
    _group_with_permissions(EDITORS_GROUP, root=root, page_permissions=EDITOR_PAGE_PERMISSIONS)
    reviewers = _group_with_permissions(
        REVIEWERS_GROUP, root=root, page_permissions=REVIEWER_PAGE_PERMISSIONS
    )
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    task.groups.add(reviewers)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for page in moderated:
        WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
    return workflow
