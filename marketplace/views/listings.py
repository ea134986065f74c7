"""Browse, detail, create/edit and lifecycle actions for achievements and needs."""

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from accounts.authorization import authorize
from core.files import serve_private

from .. import quality, selectors, services
from ..forms import InquiryForm, SubmitForm
from ..models import Attachment, Status, TransferMode
from ..publishing import publishing_blocker
from ..services.annex import current_request
from ..services.common import detail_url
from .kinds import ListingKind

PAGE_SIZE = 12


def browse(request, kind: ListingKind):
    filterset = kind.filterset(request.GET or None, queryset=kind.published())
    queryset = filterset.qs if filterset.is_bound and filterset.is_valid() else kind.published()
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        f"marketplace/{kind.slug}_list.html",
        {
            "kind": kind,
            "filter": filterset or kind.filterset(queryset=kind.published()),
            "page_obj": page,
            "total": page.paginator.count,
        },
    )


def _get_visible(request, kind: ListingKind, pk: int):
    listing = get_object_or_404(
        kind.model.objects.select_related("industry", "organization", "created_by"), pk=pk
    )
    # An unpublished listing of another organization is not there for them (404).
    authorize(request, "marketplace.view_listing", listing, missing="404")
    return listing


@csrf_exempt  # a count, not an action: a forged beacon counts one view, as a visit would
@require_POST
def seen(request, kind: ListingKind, pk: int):
    """The detail page's view beacon (portal.js): 204, counted once per visitor and window."""
    listing = get_object_or_404(kind.model, pk=pk, status=Status.PUBLISHED)
    services.record_view(listing=listing, visitor=request.META.get("REMOTE_ADDR", ""))
    return HttpResponse(status=204)


def detail(request, kind: ListingKind, pk: int):
    listing = _get_visible(request, kind, pk)
    user = request.user
    link = {kind.slug: listing}
    can_private = user.has_perm("marketplace.view_listing_private", listing)
    can_interest = listing.is_published and user.has_perm("marketplace.express_interest", listing)
    context = {
        "kind": kind,
        "listing": listing,
        "attachments": Attachment.objects.filter(**link),
        "can_edit": user.has_perm("marketplace.change_listing", listing),
        "can_see_reserve": user.has_perm("marketplace.view_reserve_price", listing),
        "can_private": can_private,
        "can_interest": can_interest,
        "inquire_url": _inquire_url(request, listing, can_interest),
        "is_favourite": selectors.is_favourite(user, listing),
        "inquiry_form": InquiryForm(user=user, listing=listing),
        "sent_inquiry": selectors.sent_inquiry(user, listing),
        "submit_form": SubmitForm(),
        "quality_result": quality.evaluate(listing) if can_private else None,
        "events": selectors.listing_events(listing)[:20] if can_private else [],
        "threshold": quality.SUBMISSION_THRESHOLD,
        "transfer_mode_labels": _mode_labels(
            getattr(listing, "transfer_modes", None) or getattr(listing, "cooperation_modes", [])
        ),
    }
    if kind.slug == "achievement":
        context.update(_annex_context(request, listing))
    return render(request, f"marketplace/{kind.slug}_detail.html", context)


def attachment(request, pk: int):
    """A listing's image or PDF: public once the listing is published, before that only to its
    organization's members and staff (the listing's own visibility rule)."""
    item = get_object_or_404(Attachment.objects.select_related("achievement", "need"), pk=pk)
    authorize(request, "marketplace.view_listing", item.listing, missing="404")
    # Images are shown in the page; PDFs are downloaded.
    inline = item.kind == Attachment.Kind.IMAGE
    return serve_private(item.file, filename=item.original_name, as_attachment=not inline)


def _inquire_url(request, listing, can_interest: bool) -> str:
    """Where the contact panel's button leads those who may not see the contacts."""
    if can_interest:
        return "#interest-h"
    if not request.user.is_authenticated and listing.is_published:
        return f"{reverse('account_login')}?next={quote(request.path)}"
    return ""


def _mode_labels(codes) -> list[str]:
    labels = dict(TransferMode.choices)
    return [str(labels.get(code, code)) for code in codes]


def _annex_context(request, achievement) -> dict:
    user = request.user
    manage = user.has_perm("marketplace.manage_annex", achievement)
    return {
        "can_manage_annex": manage,
        "annex_request": current_request(achievement=achievement, user=user),
        "can_request_annex": user.has_perm("marketplace.request_annex", achievement),
        "annex_requests": achievement.annex_requests.select_related("user") if manage else [],
        "annex_downloads": achievement.annex_downloads.select_related("user")[:50]
        if manage
        else [],
    }


@login_required
def edit(request, kind: ListingKind, pk: int | None = None):
    user = request.user
    orgs = [
        o
        for o in selectors.user_organizations(user)
        if user.has_perm("marketplace.post_for_org", o)
    ]
    if pk is None:
        if not orgs:
            blocker = publishing_blocker(user, selectors.user_organizations(user))
            messages.error(request, blocker or _("只有已认证机构的成员（且邮箱已验证）才能发布。"))
            return redirect("marketplace:dashboard")
        instance = kind.model()
    else:
        instance = get_object_or_404(kind.model, pk=pk)
        authorize(request, "marketplace.view_listing", instance, missing="404")
        authorize(request, "marketplace.change_listing", instance)
        if instance.organization not in orgs:
            orgs.append(instance.organization)
    form = kind.form(
        request.POST or None, request.FILES or None, instance=instance, organizations=orgs
    )
    if request.method == "POST" and form.is_valid():
        listing = form.save(commit=False)
        try:
            services.save_listing(listing=listing, by=user, files=form.cleaned_data["files"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("已保存。") if listing.is_published else _("草稿已保存。"))
            if "submit" in request.POST:
                return _submit(request, listing, request.POST.get("override_note", ""))
            return redirect(detail_url(listing))
    check = quality.evaluate(form.instance) if instance.pk or form.is_bound else None
    return render(
        request,
        "marketplace/listing_form.html",
        {
            "kind": kind,
            "form": form,
            "listing": instance if instance.pk else None,
            "quality_result": check,
            "threshold": quality.SUBMISSION_THRESHOLD,
        },
    )


@login_required
@require_POST
def quality_check(request, kind: ListingKind):
    """Live quality panel for the edit form: scores the unsaved form data, stores nothing."""
    orgs = selectors.user_organizations(request.user)
    form = kind.form(request.POST, instance=kind.model(), organizations=orgs)
    form.is_valid()  # fills form.instance with whatever parsed
    return render(
        request,
        "marketplace/includes/quality.html",
        {
            "quality_result": quality.evaluate(form.instance),
            "threshold": quality.SUBMISSION_THRESHOLD,
        },
    )


def _chosen_organization(request):
    """The organization picked in the inquiry form; the service checks the user belongs to it."""
    from accounts.models import Organization

    pk = request.POST.get("organization", "")
    return Organization.objects.filter(pk=pk).first() if pk.isdigit() else None


def _submit(request, listing, override_note: str):
    try:
        services.submit_listing(listing=listing, by=request.user, override_note=override_note)
    except services.ListingActionRefused as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已提交审核，审核结果将通过站内消息和邮件通知您。"))
    return redirect(detail_url(listing))


@login_required
@require_POST
def action(request, kind: ListingKind, pk: int, verb: str):
    listing = get_object_or_404(kind.model, pk=pk)
    user = request.user
    if verb == "submit":
        return _submit(request, listing, request.POST.get("override_note", ""))
    if verb == "favourite":
        # A draft of another organization is not there to favourite.
        authorize(request, "marketplace.view_listing", listing, missing="404")
        added = services.toggle_favourite(listing=listing, by=user)
        messages.success(request, _("已收藏") if added else _("已取消收藏"))
        return redirect(detail_url(listing))
    handlers = {
        "withdraw": lambda: services.withdraw_listing(
            listing=listing, by=user, reason=request.POST.get("reason", "")
        ),
        "archive": lambda: services.archive_listing(
            listing=listing, by=user, reason=request.POST.get("reason", "")
        ),
        "interest": lambda: services.express_interest(
            listing=listing,
            by=user,
            message=request.POST.get("message", ""),
            organization=_chosen_organization(request),
        ),
    }
    if verb not in handlers:
        raise PermissionDenied
    try:
        handlers[verb]()
    except services.ListingActionRefused as exc:
        messages.error(request, exc.message)
    else:
        done = {
            "withdraw": _("已撤回"),
            "archive": _("已归档"),
            "interest": _("意向已发送给发布方"),
        }
        messages.success(request, done[verb])
    return redirect(detail_url(listing))
