"""Recording and registering the technology contract; its summary PDF."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.authorization import authorize

from .. import services
from ..errors import BrokerageError
from ..forms import ContractForm, RegistrationForm
from ..models import TechContract
from ..pdf import contract_summary_pdf
from .engagements import engagement_for


@login_required
def contract_form(request, pk: int):
    engagement = engagement_for(request, pk, manage=True)
    contract = TechContract.objects.filter(engagement=engagement).first()
    if contract is None:
        contract = TechContract(
            engagement=engagement,
            title=engagement.title,
            supply_party=str(engagement.supply_organization or engagement.supply_contact or ""),
            demand_party=str(engagement.demand_organization or engagement.demand_contact or ""),
        )
    form = ContractForm(request.POST or None, instance=contract)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_contract(engagement=engagement, by=request.user, **form.cleaned_data)
        except BrokerageError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("技术合同已保存。"))
            return redirect(engagement.get_absolute_url())
    return render(
        request,
        "brokerage/contract_form.html",
        {"engagement": engagement, "form": form, "contract": contract},
    )


@login_required
@require_POST
def register(request, pk: int):
    engagement = engagement_for(request, pk, manage=True)
    authorize(request, "brokerage.register_contract", engagement)
    contract = get_object_or_404(TechContract, engagement=engagement)
    form = RegistrationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写认定登记编号和日期。"))
        return redirect(engagement.get_absolute_url())
    try:
        services.register_contract(contract=contract, by=request.user, **form.cleaned_data)
    except BrokerageError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("技术合同已认定登记。"))
    return redirect(engagement.get_absolute_url())


@login_required
def contract_pdf(request, pk: int):
    engagement = engagement_for(request, pk)
    contract = get_object_or_404(TechContract, engagement=engagement)
    response = HttpResponse(contract_summary_pdf(contract), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="contract-{contract.pk}.pdf"'
    return response
