"""Bulk import of achievements and needs from .jsonl, .csv or .xlsx.

Two doors, with different trust:

- import_for_organization (the web import): an organization's admin loads rows into that one
  organization. A `status` column is ignored: every row meets the gate a form submission meets
  (lifecycle.review_refusal) and lands pending review, or as a draft with the reason reported.
- import_as_operator (the CLI, run by someone with shell access): rows land pending unless
  `publish`; unknown organizations are errors unless `create_organizations`, which creates them
  verified, attested by the operator and written to the audit log.

Rows name their organization by its 统一社会信用代码 (a `credit_code` column); a name is only a
fallback and must match exactly one verified organization, so nobody can own imported listings by
registering a name first.

Rows are validated first; a row with any error is skipped whole (its organization is not even
created) and reported with row number, field and reason. Good rows are saved in batches, one
transaction per batch and a savepoint per row, upserting on external_id.

Imported rows are indexed (record_change, same transaction) but deliberately do NOT queue the
strong-match notification (search.tasks.notify_matches_task) that publish_listing queues: a bulk
import of hundreds of rows would flood owners and brokers with 新的匹配 messages about listings
they did not just publish. Owners still see matches on the detail pages and the dashboard.
"""

import csv
import io
import json
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import AuditEvent, Organization
from accounts.services.audit import record_event
from accounts.validators import validate_credit_code
from core import hooks
from core.errors import ActionRefused
from core.models import Industry

from .. import quality, richtext
from ..models import Achievement, Need, Status, TransferMode
from .common import log_event, record_change
from .lifecycle import review_refusal

BATCH_SIZE = 100
NEGOTIABLE = {"", "面议", "negotiable", "null", "none"}
FORMATS = {".jsonl", ".csv", ".xlsx"}
# Column names a row may give its organization's unified social credit code under.
CODE_FIELDS = ("credit_code", "统一社会信用代码")
# A need row's `kind`: "challenge" (揭榜挂帅) rows carry a bounty (`bounty_cny`).
NEED_ROW_KINDS = ("need", "challenge")
# Hook run (core.hooks) with need=<Need>, bounty_cny=<Decimal>, by=<User or None> when a need
# row with a bounty is saved, inside the row's savepoint: the challenges app makes the need's
# 揭榜挂帅榜单 (a draft carrying the bounty); its failure fails the row.
NEED_IMPORTED_WITH_BOUNTY = "marketplace.need_imported_with_bounty"


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
    # Rows saved, but held back as drafts, and why (the web import's review gate).
    drafts: list[RowError] = field(default_factory=list)

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


def _normalized(name: str) -> str:
    """Names compared the way a reader would: full-width = half-width, no spaces, any case."""
    return "".join(unicodedata.normalize("NFKC", name).split()).casefold()


def _credit_code(row) -> tuple[str, str]:
    """(column, code) of the row's 统一社会信用代码, or ("", "")."""
    for key in CODE_FIELDS:
        code = _str(row, key).upper()
        if code:
            return key, code
    return "", ""


@dataclass
class Cleaned:
    instance: object
    status: str
    draft_reason: str = ""
    # What the row says beyond the model's fields (a need's bounty), for after_save.
    extra: dict = field(default_factory=dict)


class ForOrganization:
    """The web import: every row goes to the one organization the admin chose, pending review."""

    def __init__(self, *, organization: Organization, by):
        self.organization = organization
        self.by = by

    def organization_for(self, row, importer, errors) -> Organization:
        key, code = _credit_code(row)
        if code and code != self.organization.credit_code:
            errors.append(
                (
                    key,
                    _("只能导入到所选机构“%(org)s”：统一社会信用代码 %(code)s 不是该机构的")
                    % {"org": self.organization.name, "code": code},
                )
            )
        # A name column (an export carries one) is not a claim: the chosen organization is.
        return self.organization

    def status_for(self, instance, row) -> tuple[str, str]:
        # The file's status column is ignored: publishing is the moderators' decision.
        if instance.pk is None:
            instance.created_by = self.by
        refusal = review_refusal(instance, by=self.by)
        if refusal:
            weaknesses = "；".join(quality.evaluate(instance).messages)
            return Status.DRAFT, f"{refusal}（{weaknesses}）" if weaknesses else refusal
        return Status.PENDING, ""

    def created(self, organization: Organization) -> Organization:
        raise AssertionError("the web import never creates organizations")


class AsOperator:
    """The command line: rows name their organization; an operator may publish and vouch."""

    def __init__(self, *, publish: bool, create_organizations: bool, operator: str, source: str):
        self.publish = publish
        self.create_organizations = create_organizations
        self.operator = operator
        self.source = source
        self._names: dict[str, list[int]] | None = None

    def named(self, name: str) -> list[Organization]:
        if self._names is None:
            self._names = {}
            for pk, other in Organization.objects.values_list("pk", "name"):
                self._names.setdefault(_normalized(other), []).append(pk)
        # Fetched afresh: an organization created by a row that was then rolled back is gone.
        return list(Organization.objects.filter(pk__in=self._names.get(_normalized(name), [])))

    def organization_for(self, row, importer, errors) -> Organization | None:
        key, code = _credit_code(row)
        name = _str(row, importer.org_field)
        if code:
            try:
                validate_credit_code(code)
            except ValidationError as exc:
                errors.append((key, exc.messages[0]))
                return None
            org = Organization.objects.filter(credit_code=code).first()
            if org is not None:
                if name and _normalized(name) != _normalized(org.name):
                    errors.append(
                        (
                            importer.org_field,
                            _("统一社会信用代码 %(code)s 属于“%(org)s”，与“%(name)s”不符")
                            % {"code": code, "org": org.name, "name": name},
                        )
                    )
                return self._verified(org, key, errors)
        elif name:
            matches = self.named(name)
            verified = [o for o in matches if o.is_verified]
            if len(verified) > 1:
                errors.append(
                    (
                        importer.org_field,
                        _("有多个已认证机构名为“%(name)s”：请填写统一社会信用代码（credit_code）")
                        % {"name": name},
                    )
                )
                return None
            if verified:
                return verified[0]
            if matches:
                return self._verified(matches[0], importer.org_field, errors)
        else:
            errors.append((importer.org_field, _("必填：统一社会信用代码或机构名称")))
            return None
        return self._new(row, importer, code, name, errors)

    def _verified(self, org, key, errors):
        if not org.is_verified:
            errors.append((key, _("机构“%(org)s”尚未认证，不能向其导入") % {"org": org.name}))
            return None
        return org

    def _new(self, row, importer, code, name, errors):
        if not self.create_organizations:
            errors.append(
                (
                    importer.org_field,
                    _("未知机构“%(org)s”：须先登记并认证（或由运营人员加 --create-organizations）")
                    % {"org": name or code},
                )
            )
            return None
        if not name:
            errors.append((importer.org_field, _("新建机构须填写机构名称")))
            return None
        if self.named(name):
            errors.append(
                (
                    importer.org_field,
                    _("已有名为“%(org)s”的机构，统一社会信用代码不同：请核对") % {"org": name},
                )
            )
            return None
        kind = _str(row, importer.org_type_field) or Organization.Kind.ENTERPRISE
        if kind not in Organization.Kind.values:
            errors.append((importer.org_type_field, _("无效机构类型：%(v)s") % {"v": kind}))
            return None
        # Unsaved until the row is saved: a dry run or a bad row creates nothing.
        return Organization(
            name=name,
            kind=kind,
            credit_code=code,
            verification_status=Organization.Verification.VERIFIED,
        )

    def status_for(self, instance, row) -> tuple[str, str]:
        # The file may hold a row back (draft); only the operator's --publish makes it public.
        wanted = _str(row, "status") or (Status.PUBLISHED if self.publish else Status.PENDING)
        if wanted == Status.PUBLISHED and not self.publish:
            wanted = Status.PENDING
        quality.apply(instance)
        return wanted, ""

    def created(self, organization: Organization) -> Organization:
        """Creates an organization the operator vouches for, and says so in the audit log."""
        organization.full_clean()
        organization.save()
        detail = {"source": self.source, "attested_by": self.operator, "via": "import"}
        record_event(kind=AuditEvent.Kind.ORG_CREATED, organization=organization, detail=detail)
        record_event(
            kind=AuditEvent.Kind.VERIFICATION_APPROVED, organization=organization, detail=detail
        )
        if self._names is not None:
            self._names.setdefault(_normalized(organization.name), []).append(organization.pk)
        return organization


class _Importer:
    model: type
    org_field: str
    org_type_field: str

    def __init__(self, *, placement: ForOrganization | AsOperator, by=None):
        self.placement = placement
        self.by = by
        self.industries = {i.code: i for i in Industry.objects.all()}

    def clean(self, row: dict) -> Cleaned:
        """Returns the instance with its fields set and where it lands, or raises RowInvalid."""
        errors: list[tuple[str, str]] = []
        external_id = _str(row, "external_id")
        if not external_id:
            errors.append(("external_id", _("必填")))
        instance = (
            self.model.objects.filter(external_id=external_id).first() if external_id else None
        )
        if instance is None:
            instance = self.model(external_id=external_id or None)
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
        if isinstance(self.placement, AsOperator) and status and status not in Status.values:
            errors.append(("status", _("无效状态：%(v)s") % {"v": status}))
        extra = self.clean_specific(instance, row, errors) or {}
        organization = self.placement.organization_for(row, self, errors)
        if organization is not None:
            if instance.pk and instance.organization_id != organization.pk:
                errors.append(("external_id", _("该编号属于其他机构的记录")))
            instance.organization = organization
        if not errors:
            try:
                instance.full_clean(exclude=["organization", "status", "industry"])
            except ValidationError as exc:
                for name, messages in exc.message_dict.items():
                    errors.extend((name if name != "__all__" else "", m) for m in messages)
        if errors:
            raise RowInvalid(errors)
        landing, reason = self.placement.status_for(instance, row)
        return Cleaned(instance, landing, reason, extra)

    def save(self, cleaned: Cleaned) -> bool:
        """Saves one cleaned row; returns True when it was created."""
        instance = cleaned.instance
        if instance.organization.pk is None:
            instance.organization = self.placement.created(instance.organization)
        created = instance.pk is None
        from_status = "" if created else instance.status
        instance.status = cleaned.status
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
        self.after_save(instance, cleaned.extra)
        return created

    def after_save(self, instance, extra: dict) -> None:
        pass


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
        kind = _str(row, "kind") or "need"
        if kind not in NEED_ROW_KINDS:
            errors.append(("kind", _("无效取值：%(v)s") % {"v": kind}))
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
        bounty = _money(row, "bounty_cny", errors)
        if kind == "challenge" and bounty is None:
            errors.append(("bounty_cny", _("揭榜挂帅项目须填写榜额")))
        instance.deadline = _date(row, "deadline", errors)
        modes = _list(row, "cooperation_modes")
        if modes:
            instance.cooperation_modes = modes
        # The bounty is the 榜单's (challenges app), made after the need is saved.
        return {"bounty_cny": bounty} if bounty is not None else {}

    def after_save(self, instance, extra: dict) -> None:
        if "bounty_cny" in extra:
            hooks.run(
                NEED_IMPORTED_WITH_BOUNTY, need=instance, bounty_cny=extra["bounty_cny"], by=self.by
            )


IMPORTERS = {"achievements": AchievementImporter, "needs": NeedImporter}


def import_for_organization(
    *,
    kind: str,
    rows: Iterable[tuple[int, dict | Exception]],
    organization: Organization,
    by,
    dry_run: bool = False,
) -> ImportReport:
    """The web import: rows go to `organization` only, pending review or held back as drafts.

    The caller checks that `by` may import for `organization` (marketplace.import_for_org).
    """
    placement = ForOrganization(organization=organization, by=by)
    return _import(IMPORTERS[kind](placement=placement, by=by), rows, dry_run, None)


def import_as_operator(
    *,
    kind: str,
    rows: Iterable[tuple[int, dict | Exception]],
    publish: bool = False,
    create_organizations: bool = False,
    operator: str = "",
    source: str = "",
    dry_run: bool = False,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """The shell's import: pending unless `publish`; unknown organizations only with
    `create_organizations`, which the `operator` attests (audit log, with the `source` file)."""
    placement = AsOperator(
        publish=publish,
        create_organizations=create_organizations,
        operator=operator,
        source=source,
    )
    return _import(IMPORTERS[kind](placement=placement), rows, dry_run, progress)


def _import(importer, rows, dry_run, progress) -> ImportReport:
    """Validates every row, then saves the good ones in batches (one transaction per batch)."""
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
                # A savepoint per row: nothing of a row that fails is left half-saved.
                with transaction.atomic():
                    cleaned = importer.clean(row)
                    if dry_run:
                        created = cleaned.instance.pk is None
                    else:
                        created = importer.save(cleaned)
            except RowInvalid as exc:
                report.errors.extend(RowError(number, f, str(r)) for f, r in exc.errors)
            except (DatabaseError, ValidationError, ActionRefused) as exc:
                report.errors.append(RowError(number, "", str(exc)))
            else:
                if created:
                    report.created += 1
                else:
                    report.updated += 1
                if cleaned.draft_reason:
                    report.drafts.append(RowError(number, "", cleaned.draft_reason))
            if progress:
                progress(1)
