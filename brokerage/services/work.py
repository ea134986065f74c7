"""Notes, tasks, documents, meetings and the commission terms of an engagement."""

from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..errors import BrokerageError
from ..models import Document, Engagement, Meeting, Note, Task
from ..validators import validate_document
from .engagements import _record, _require_manager


@transaction.atomic
def add_note(*, engagement: Engagement, body: str, by) -> Note:
    _require_manager(engagement, by)
    if not body.strip():
        raise BrokerageError(_("记录内容不能为空。"))
    return Note.objects.create(engagement=engagement, author=by, body=body.strip())


@transaction.atomic
def add_task(*, engagement: Engagement, title: str, due_on: date, by, assignee=None) -> Task:
    _require_manager(engagement, by)
    if not title.strip():
        raise BrokerageError(_("待办事项不能为空。"))
    return Task.objects.create(
        engagement=engagement, title=title.strip(), due_on=due_on, assignee=assignee or by
    )


@transaction.atomic
def complete_task(*, task: Task, by) -> Task:
    _require_manager(task.engagement, by)
    if task.done_at is None:
        task.done_at = timezone.now()
        task.save(update_fields=["done_at"])
    return task


@transaction.atomic
def upload_document(*, engagement: Engagement, kind: str, upload, by) -> Document:
    _require_manager(engagement, by)
    if kind not in Document.Kind.values:
        raise BrokerageError(_("请选择文件类型。"))
    try:
        validate_document(upload)
    except ValidationError as exc:
        raise BrokerageError(" ".join(exc.messages)) from exc
    document = Document.objects.create(
        engagement=engagement,
        kind=kind,
        file=upload,
        original_name=upload.name[:200],
        size=upload.size,
        uploaded_by=by,
    )
    _record(engagement, action="document", by=by, note=document.get_kind_display())
    return document


@transaction.atomic
def schedule_meeting(
    *, engagement: Engagement, title: str, starts_at: datetime, location: str = "", by
) -> Meeting:
    _require_manager(engagement, by)
    return Meeting.objects.create(
        engagement=engagement, title=title, starts_at=starts_at, location=location, created_by=by
    )


@transaction.atomic
def set_commission(
    *, engagement: Engagement, by, rate: Decimal | None = None, fixed_cny: Decimal | None = None
) -> Engagement:
    """佣金: either a rate on the technology transaction amount or a fixed amount, not both."""
    _require_manager(engagement, by)
    if (rate is None) == (fixed_cny is None):
        raise BrokerageError(_("请填写佣金比例或固定佣金中的一项。"))
    if rate is not None and not Decimal("0") < rate <= Decimal("0.3"):
        raise BrokerageError(_("佣金比例应在 0 到 30% 之间。"))
    if fixed_cny is not None and fixed_cny < 0:
        raise BrokerageError(_("固定佣金不能为负数。"))
    engagement.commission_rate, engagement.commission_fixed_cny = rate, fixed_cny
    engagement.save(update_fields=["commission_rate", "commission_fixed_cny", "updated_at"])
    _record(engagement, action="commission", by=by, note=str(rate or fixed_cny))
    return engagement
