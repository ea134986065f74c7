"""Readable labels of the marketplace's action types in the activity log (core.activity)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "listing.created": _("创建草稿"),
    "listing.edited": _("修改"),
    "listing.submit": _("提交审核"),
    "listing.approve": _("审核通过"),
    "listing.reject": _("驳回"),
    "listing.withdraw": _("撤回"),
    "listing.expire": _("过期"),
    "listing.archive": _("归档"),
    "listing.imported": _("批量导入"),
    "listing.attached": _("上传附件"),
    "listing.detached": _("删除附件"),
    "listing.annex_updated": _("更新保密附件"),
    "listing.demo": _("演示数据"),
}
