"""Technology contracts, their registration (认定登记), and broker training records."""

import logging
from datetime import date

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..errors import BrokerageError, NotAllowed
from ..models import Engagement, Stage, TechContract, TrainingRecord
from .engagements import _move, _record, _require_manager

log = logging.getLogger(__name__)


@transaction.atomic
def record_contract(*, engagement: Engagement, by, **fields) -> TechContract:
    """Records (or corrects, until it is registered) the contract the parties signed."""
    _require_manager(engagement, by)
    if engagement.stage != Stage.AGREED:
        raise BrokerageError(_("双方达成一致（签约阶段）后才能录入技术合同。"))
    contract = TechContract.objects.filter(engagement=engagement).first() or TechContract(
        engagement=engagement, created_by=by
    )
    if contract.is_registered:
        raise BrokerageError(_("合同已认定登记，不能再修改。"))
    for name, value in fields.items():
        setattr(contract, name, value)
    try:
        contract.full_clean(exclude=["engagement", "registration_number", "registered_on"])
    except ValidationError as exc:
        raise BrokerageError(" ".join(exc.messages)) from exc
    contract.save()
    _record(engagement, action="contract_recorded", by=by, note=contract.title)
    return contract


@transaction.atomic
def register_contract(
    *, contract: TechContract, registration_number: str, registered_on: date, by
) -> TechContract:
    """认定登记 is done by platform staff; it moves the engagement on and bills the service fee."""
    if not by.is_staff:
        raise NotAllowed(_("只有平台工作人员可以登记技术合同。"))
    number = registration_number.strip()
    if not number:
        raise BrokerageError(_("请填写认定登记编号。"))
    if TechContract.objects.filter(registration_number=number).exclude(pk=contract.pk).exists():
        raise BrokerageError(_("该认定登记编号已被使用。"))
    contract.registration_number, contract.registered_on = number, registered_on
    contract.save(update_fields=["registration_number", "registered_on"])
    _move(contract.engagement, method="register_contract", by=by, note=number)
    _open_service_fee(contract=contract, by=by)
    return contract


def _open_service_fee(*, contract: TechContract, by) -> None:
    """平台服务费: a pending payment for the demand side, through the payments app.

    The payments app may be absent in a trimmed deployment; the contract is registered anyway.
    """
    if not apps.is_installed("payments"):  # pragma: no cover - only without the payments app
        log.warning("payments app unavailable; no service fee opened for contract %s", contract.pk)
        return
    from payments.models import Purpose
    from payments.selectors import service_fee_fen
    from payments.services.checkout import open_payment

    fee_fen = service_fee_fen(int(contract.amount_cny * 100))
    if fee_fen <= 0:
        return
    engagement = contract.engagement
    payer = engagement.demand_contact or by
    open_payment(
        purpose=Purpose.SERVICE_FEE,
        description=_("平台服务费：%(contract)s") % {"contract": contract.title},
        amount_fen=fee_fen,
        by=payer,
        organization=engagement.demand_organization,
        related=contract,
    )


@transaction.atomic
def record_training(
    *,
    broker,
    course: str,
    hours,
    completed_on: date,
    by,
    provider: str = "",
    certificate_number: str = "",
) -> TrainingRecord:
    if not by.is_staff:
        raise NotAllowed(_("只有平台工作人员可以录入培训记录。"))
    record = TrainingRecord(
        broker=broker,
        course=course,
        provider=provider,
        hours=hours,
        completed_on=completed_on,
        certificate_number=certificate_number,
        recorded_by=by,
    )
    try:
        record.full_clean()
    except ValidationError as exc:
        raise BrokerageError(" ".join(exc.messages)) from exc
    record.save()
    return record
