"""Bulk import of achievements and needs from .jsonl, .csv or .xlsx (an administrator's tool).

Rows are validated first; a row with any error is skipped whole (its organization is not even
created) and reported with row number, field and reason. Good rows are saved in batches, one
transaction per batch, upserting on external_id.

Imported rows are indexed (record_change, same transaction) but deliberately do NOT queue the
strong-match notification (search.tasks.notify_matches_task) that publish_listing queues: a bulk
import of hundreds of rows would flood owners and brokers with 新的匹配 messages about listings
they did not just publish. Owners still see matches on the detail pages and the dashboard.
"""

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organization

from .. import quality, richtext
from ..models import Achievement, Industry, Need, Status, TransferMode
from .common import log_event, record_change

BATCH_SIZE = 100
NEGOTIABLE = {"", "面议", "negotiable", "null", "none"}
FORMATS = {".jsonl", ".csv", ".xlsx"}


@dataclass
class RowError:
    row: int
    field: str
    reason: str


@dataclass
class ImportReport:
    total: int = 0
    created: int = 0
    updated: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def failed_rows(self) -> int:
        return len({e.row for e in self.errors})

    @property
    def ok(self) -> bool:
        return not self.errors


class RowInvalid(Exception):
    def __init__(self, errors: list[tuple[str, str]]):
        super().__init__(errors)
        self.errors = errors


# ---- reading ------------------------------------------------------------------------------


def read_rows(source, *, name: str | None = None) -> Iterator[tuple[int, dict | Exception]]:
    """Yields (row number as the user sees it, row dict or the parse error)."""
    name = name or str(source)
    suffix = Path(name).suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(
            _("不支持的文件格式：%(suffix)s（支持 .jsonl、.csv、.xlsx）") % {"suffix": suffix}
        )
    data = Path(source).read_bytes() if isinstance(source, str | Path) else source.read()
    if suffix == ".jsonl":
        yield from _read_jsonl(data)
    elif suffix == ".csv":
        yield from _read_csv(data)
    else:
        yield from _read_xlsx(data)


def _read_jsonl(data: bytes):
    for number, line in enumerate(data.decode("utf-8-sig").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            yield number, ValueError(_("不是合法的 JSON：%(err)s") % {"err": exc.msg})
            continue
        yield number, row if isinstance(row, dict) else ValueError(_("每行须为一个 JSON 对象"))


def _read_csv(data: bytes):
    reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig")))
    for number, row in enumerate(reader, start=2):
        if any((v or "").strip() for v in row.values() if isinstance(v, str)):
            yield number, {k.strip(): v for k, v in row.items() if k}


def _read_xlsx(data: bytes):
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = [str(h).strip() if h is not None else "" for h in next(rows, [])]
    for number, values in enumerate(rows, start=2):
        if all(v in (None, "") for v in values):
            continue
        yield number, {h: v for h, v in zip(header, values, strict=False) if h}


# ---- cleaning -----------------------------------------------------------------------------


def _str(row, key) -> str:
    value = row.get(key)
    return "" if value is None else str(value).strip()


def _list(row, key) -> list[str]:
    value = row.get(key)
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    text = str(value).replace("；", ";")
    return [p.strip() for p in text.split(";") if p.strip()]


def _money(row, key, errors) -> Decimal | None:
    value = row.get(key)
    if value is None or (isinstance(value, str) and value.strip().lower() in NEGOTIABLE):
        return None
    try:
        amount = Decimal(str(value).replace(",", "").strip())
    except InvalidOperation:
        errors.append((key, _("不是有效金额：%(v)s") % {"v": value}))
        return None
    if amount < 0:
        errors.append((key, _("金额不能为负数")))
    return amount


def _date(row, key, errors) -> date | None:
    value = row.get(key)
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value if not hasattr(value, "date") else value.date()
    try:
        return date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        errors.append((key, _("日期格式应为 YYYY-MM-DD：%(v)s") % {"v": value}))
        return None


def _choice(row, key, choices, errors, default=None):
    value = _str(row, key) or default
    if value is None:
        errors.append((key, _("必填")))
    elif value not in choices.values:
        errors.append((key, _("无效取值：%(v)s") % {"v": value}))
    return value


class _Importer:
    model: type
    org_field: str

    def __init__(self, *, organization=None, default_status=Status.PUBLISHED, by=None):
        self.organization = organization
        self.default_status = default_status
        self.by = by
        self.industries = {i.code: i for i in Industry.objects.all()}

    def clean(self, row: dict):
        """Returns (instance with fields set, org name, org kind) or raises RowInvalid."""
        errors: list[tuple[str, str]] = []
        external_id = _str(row, "external_id")
        if not external_id:
            errors.append(("external_id", _("必填")))
        instance = (
            self.model.objects.filter(external_id=external_id).first() if external_id else None
        )
        if instance is None:
            instance = self.model(external_id=external_id or None)
        if (
            self.organization is not None
            and instance.pk
            and (instance.organization_id != self.organization.pk)
        ):
            errors.append(("external_id", _("该编号属于其他机构的记录")))
        instance.title = _str(row, "title")
        instance.keywords = _list(row, "keywords")
        code = _str(row, "industry")
        industry = self.industries.get(code)
        instance.industry = industry
        if industry is None:
            errors.append(("industry", _("未知的产业代码：%(v)s") % {"v": code or "—"}))
        for key in ("technical_field", "contact_name", "contact_phone", "contact_email"):
            if key in row:
                setattr(instance, key, _str(row, key))
        status = _str(row, "status")
        if status and status not in Status.values:
            errors.append(("status", _("无效状态：%(v)s") % {"v": status}))
        self.clean_specific(instance, row, errors)
        org_name, org_kind = self.org_of(row, errors)
        if self.organization is not None:
            instance.organization = self.organization
        elif org_name:
            existing = Organization.objects.filter(name=org_name).first()
            if existing is not None:
                instance.organization = existing
        instance._import_status = status or self.default_status
        if not errors:
            try:
                instance.full_clean(exclude=["organization", "status", "industry"])
            except ValidationError as exc:
                for name, messages in exc.message_dict.items():
                    errors.extend((name if name != "__all__" else "", m) for m in messages)
        if errors:
            raise RowInvalid(errors)
        return instance, org_name, org_kind

    def org_of(self, row, errors) -> tuple[str, str]:
        if self.organization is not None:
            return self.organization.name, self.organization.kind
        name = _str(row, self.org_field)
        if not name:
            errors.append((self.org_field, _("必填")))
        kind = _str(row, self.org_type_field) or Organization.Kind.ENTERPRISE
        if kind not in Organization.Kind.values:
            errors.append((self.org_type_field, _("无效机构类型：%(v)s") % {"v": kind}))
        return name, kind

    def save(self, instance, org_name: str, org_kind: str) -> bool:
        """Saves one cleaned row; returns True when it was created."""
        if not instance.organization_id:
            instance.organization, _created = Organization.objects.get_or_create(
                name=org_name, defaults={"kind": org_kind}
            )
        created = instance.pk is None
        from_status = "" if created else instance.status
        instance.status = instance._import_status
        if instance.status == Status.PUBLISHED and instance.published_at is None:
            instance.published_at = timezone.now()
        if created and self.by is not None:
            instance.created_by = self.by
        quality.apply(instance)
        instance.save()
        log_event(
            instance,
            action="imported",
            by=self.by,
            from_status=from_status,
            note=_("批量导入：%(id)s") % {"id": instance.external_id},
        )
        record_change(instance)
        return created


class AchievementImporter(_Importer):
    model = Achievement
    org_field = "owner_org"
    org_type_field = "owner_type"

    def clean_specific(self, instance, row, errors):
        instance.summary = _str(row, "summary") or _str(row, "description")
        if _str(row, "summary") and "description" in row:
            # Files carry plain text: escape it into paragraphs of the rich-text description.
            instance.description = richtext.text_to_html(_str(row, "description"))
        instance.patent_type = _choice(
            row, "patent_type", Achievement.PatentType, errors, default="none"
        )
        instance.patent_number = _str(row, "patent_number").upper()
        instance.maturity = _choice(row, "maturity", Achievement.Maturity, errors, default="lab")
        modes = _list(row, "transfer_modes")
        bad = [m for m in modes if m not in TransferMode.values]
        if bad:
            errors.append(("transfer_modes", _("无效转化方式：%(v)s") % {"v": "、".join(bad)}))
        instance.transfer_modes = modes
        instance.asking_price_cny = _money(row, "asking_price_cny", errors)
        if "reserve_price_cny" in row:
            instance.reserve_price_cny = _money(row, "reserve_price_cny", errors)
        for key in ("ipc", "legal_status", "inventors"):
            if key in row:
                setattr(instance, key, _str(row, key))


class NeedImporter(_Importer):
    model = Need
    org_field = "org"
    org_type_field = "org_type"

    def clean_specific(self, instance, row, errors):
        instance.description = _str(row, "description")
        instance.kind = _choice(row, "kind", Need.Kind, errors, default="need")
        budget = row.get("budget_cny")
        if isinstance(budget, list) and len(budget) == 2:
            low = _money({"v": budget[0]}, "v", errors)
            high = _money({"v": budget[1]}, "v", errors)
        elif isinstance(budget, str) and "-" in budget.strip("-"):
            low_text, high_text = budget.split("-", 1)
            low = _money({"budget_cny": low_text}, "budget_cny", errors)
            high = _money({"budget_cny": high_text}, "budget_cny", errors)
        else:
            # A single figure is the most the enterprise will spend.
            low, high = None, _money(row, "budget_cny", errors)
        instance.budget_min_cny, instance.budget_max_cny = low, high
        instance.bounty_cny = _money(row, "bounty_cny", errors)
        instance.deadline = _date(row, "deadline", errors)
        modes = _list(row, "cooperation_modes")
        if modes:
            instance.cooperation_modes = modes


IMPORTERS = {"achievements": AchievementImporter, "needs": NeedImporter}


def import_listings(
    *,
    kind: str,
    rows: Iterable[tuple[int, dict | Exception]],
    organization: Organization | None = None,
    default_status: str = Status.PUBLISHED,
    by=None,
    dry_run: bool = False,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Validates every row, then saves the good ones in batches (one transaction per batch)."""
    importer = IMPORTERS[kind](organization=organization, default_status=default_status, by=by)
    report = ImportReport()
    batch: list[tuple[int, dict]] = []
    seen: dict[str, int] = {}
    for number, row in rows:
        report.total += 1
        if isinstance(row, Exception):
            report.errors.append(RowError(number, "", str(row)))
        else:
            key = _str(row, "external_id")
            if key and key in seen:
                report.errors.append(
                    RowError(number, "external_id", _("与第 %(n)s 行编号重复") % {"n": seen[key]})
                )
            else:
                seen[key] = number
                batch.append((number, row))
        if len(batch) >= BATCH_SIZE:
            _run_batch(importer, batch, report, dry_run, progress)
            batch = []
    if batch:
        _run_batch(importer, batch, report, dry_run, progress)
    report.errors.sort(key=lambda e: e.row)
    return report


def _run_batch(importer, batch, report, dry_run, progress) -> None:
    with transaction.atomic():
        for number, row in batch:
            try:
                with transaction.atomic():
                    instance, org_name, org_kind = importer.clean(row)
                    if dry_run:
                        created = instance.pk is None
                    else:
                        created = importer.save(instance, org_name, org_kind)
            except RowInvalid as exc:
                report.errors.extend(RowError(number, f, str(r)) for f, r in exc.errors)
            except (DatabaseError, ValidationError) as exc:
                report.errors.append(RowError(number, "", str(exc)))
            else:
                if created:
                    report.created += 1
                else:
                    report.updated += 1
            if progress:
                progress(1)
