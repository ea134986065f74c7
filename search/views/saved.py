"""我的订阅: save the current search, list, rename, change frequency, delete."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from .. import registry, services
from ..forms import SavedSearchForm, SaveSearchForm
from ..models import SavedSearch
from ..selectors import FACETS, KIND_LABELS


def _filters_of(data) -> dict:
    return {name: data.getlist(name) for name in FACETS if data.getlist(name)}


@require_GET
@login_required
def saved_search_list(request):
    saved = list(request.user.saved_searches.all())
    for s in saved:
        s.form = SavedSearchForm(instance=s, prefix=f"s{s.pk}")
        s.filter_labels = _filter_labels(s.filters)
    return render(
        request,
        "search/saved_list.html",
        {"saved_searches": saved, "frequencies": SavedSearch.Frequency.choices},
    )


def _filter_labels(filters: dict) -> list[str]:
    """Readable chips for a saved search's filters ("产业：木业家具")."""
    chips = []
    for name, values in (filters or {}).items():
        if name not in FACETS:
            continue
        _field, label, labels = FACETS[name]
        if labels is None:  # registered by the app that owns the values (industries…)
            labels = registry.labels(name)
        elif name == "kind":
            labels = KIND_LABELS
        for value in [values] if isinstance(values, str) else values:
            chips.append(f"{label}：{(labels or {}).get(value, value)}")
    return chips


@require_POST
@login_required
def saved_search_create(request):
    form = SaveSearchForm(request.POST)
    back = reverse("search:search")
    if not form.is_valid():
        messages.error(request, _("保存失败：请检查订阅名称和推送频率"))
        return redirect(back)
    query = form.cleaned_data["q"]
    filters = _filters_of(request.POST)
    try:
        saved = services.save_search(
            user=request.user,
            name=form.cleaned_data["name"],
            query=query,
            filters=filters,
            frequency=form.cleaned_data["frequency"],
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(back)
    messages.success(
        request,
        _("已保存到“我的订阅”：%(name)s。有新结果时我们会发邮件提醒您。") % {"name": saved.name},
    )
    return redirect(f"{back}?{saved.querystring}")


@require_POST
@login_required
def saved_search_update(request, pk: int):
    saved = get_object_or_404(SavedSearch, pk=pk, user=request.user)
    form = SavedSearchForm(request.POST, instance=SavedSearch(), prefix=f"s{pk}")
    if not form.is_valid():
        messages.error(request, _("修改失败：订阅名称不能超过 80 个字"))
        return redirect("search:saved_list")
    services.update_saved_search(
        saved_search=saved,
        by=request.user,
        name=form.cleaned_data["name"],
        frequency=form.cleaned_data["frequency"],
    )
    messages.success(request, _("订阅“%(name)s”已更新") % {"name": saved.name})
    return redirect("search:saved_list")


@require_POST
@login_required
def saved_search_delete(request, pk: int):
    saved = get_object_or_404(SavedSearch, pk=pk, user=request.user)
    name = saved.name
    services.delete_saved_search(saved_search=saved, by=request.user)
    messages.success(request, _("已删除订阅“%(name)s”") % {"name": name})
    return redirect("search:saved_list")
