from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from . import activity as activity_log


class ActivityEntry(models.Model):
    """One line of an object's activity trail: who did what, when, with which details.

    Written only through `core.activity.log_action` (or a model's `log_action`)."""

    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")
    action = models.CharField(_("操作"), max_length=80, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    data = models.JSONField(_("详情"), default=dict, blank=True)
    at = models.DateTimeField(_("时间"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("操作记录")
        verbose_name_plural = _("操作记录")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        state = self.to_state_label
        return f"{self.label} → {state}" if state else self.label

    @property
    def label(self) -> str:
        return activity_log.label_of(self.action)

    @property
    def note(self) -> str:
        return self.data.get("note", "")

    @property
    def from_state(self) -> str:
        return self.data.get("from", "")

    @property
    def to_state(self) -> str:
        return self.data.get("to", "")

    @property
    def to_state_label(self) -> str:
        """The readable new state, from the choices of the object's state field."""
        return self._state_label(self.to_state)

    @property
    def from_state_label(self) -> str:
        return self._state_label(self.from_state)

    @property
    def changed_state(self) -> bool:
        return bool(self.to_state) and self.from_state != self.to_state

    def _state_label(self, value: str) -> str:
        if not value:
            return ""
        model = self.content_type.model_class()
        try:
            field = model._meta.get_field(self.data.get("field", "status"))
        except Exception:  # noqa: BLE001 - a retired model or field: show the raw value
            return value
        return str(dict(field.flatchoices).get(value, value))


class LoggedModel(models.Model):
    """Mixin for models with an activity trail: `obj.activity` and `obj.log_action(...)`."""

    activity = GenericRelation(ActivityEntry)

    class Meta:
        abstract = True

    def log_action(self, action: str, *, by=None, data: dict | None = None, at=None):
        return activity_log.log_action(self, action, by=by, data=data, at=at)


class Industry(models.Model):
    """Industry taxonomy (产业分类). Codes are part of the import format and never change.

    Every app classifies by it (profiles, listings, challenges, engagements), so it lives on the
    ground floor. It came from marketplace and keeps its table, `marketplace_industry`."""

    code = models.SlugField(_("代码"), max_length=40, unique=True)
    name = models.CharField(_("名称"), max_length=40)
    name_en = models.CharField(_("英文名称"), max_length=80, blank=True)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        db_table = "marketplace_industry"
        verbose_name = _("产业")
        verbose_name_plural = _("产业")
        ordering = ["order", "code"]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        """The name in the active language: the English name on the English site."""
        if self.name_en and get_language() == "en":
            return self.name_en
        return self.name


def industry_labels() -> dict[str, str]:
    """code -> name in the active language, for facets and search hits."""
    english = get_language() == "en"
    return {
        code: (name_en if english and name_en else name)
        for code, name, name_en in Industry.objects.values_list("code", "name", "name_en")
    }
