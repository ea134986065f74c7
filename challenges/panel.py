"""One expert panel for everything experts score: a challenge's review and an achievement's
evaluation. The evaluation app builds on this module (it may import challenges).

An assignment puts one expert on one panel. Before any score the expert declares conflicts of
interest (回避声明); what a conflict means differs (some applications of a challenge, the whole
evaluation), so each concrete model adds its own conflict field. Who may be assigned at all is
the same everywhere: an active expert whom the app's `conflicts_of` finds nothing against.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import ExpertProfile


class PanelAssignment(models.Model):
    """The fields and declaration every panel assignment shares (the target and the expert's
    reverse name are the concrete model's)."""

    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    assigned_at = models.DateTimeField(gettext_lazy("指派时间"), auto_now_add=True)
    declared_at = models.DateTimeField(gettext_lazy("回避声明时间"), null=True, blank=True)
    declaration = models.TextField(gettext_lazy("利益冲突声明"), blank=True)

    class Meta:
        abstract = True

    @property
    def has_declared(self) -> bool:
        return self.declared_at is not None

    def declare(self, *, statement: str, default: str) -> None:
        """Record the declaration (the default pledge when the expert wrote none); the caller
        has checked the expert with `refuse_unless_own` and saves."""
        self.declaration = (statement or "").strip() or default
        self.declared_at = timezone.now()


def refuse_unless_own(assignment, by, *, error) -> None:
    """Only the assigned expert speaks for their assignment (declares, scores)."""
    if assignment.expert_id != getattr(by, "pk", None):
        raise error(_("只能由被指派的专家本人声明。"))


def admit_expert(model, *, expert, by, conflicts: list[str], error, refusal, duplicate, **target):
    """Put `expert` on the panel of `target` (e.g. challenge=...), or refuse: not an active
    expert, tied to the target (`refusal` gets %(n)s and %(why)s), or already on the panel."""
    if not ExpertProfile.objects.filter(user=expert, is_active=True).exists():
        raise error(_("%(n)s 不在评审专家库中。") % {"n": expert})
    if conflicts:
        raise error(refusal % {"n": expert, "why": "；".join(conflicts)})
    assignment, created = model.objects.get_or_create(
        expert=expert, defaults={"assigned_by": by}, **target
    )
    if not created:
        raise error(duplicate)
    return assignment


def other_experts(target, suggested):
    """The picker's second group for a challenge or an evaluation: active experts neither
    suggested nor already on `target`'s panel, so each expert appears once."""
    return (
        ExpertProfile.objects.filter(is_active=True)
        .exclude(pk__in=[profile.pk for profile in suggested])
        .exclude(user_id__in=target.assignments.values("expert_id"))
        .select_related("user")
        .order_by("pk")
    )
