from django.contrib import admin

from .models import IndexTask, MatchFeedback, SavedSearch


@admin.register(IndexTask)
class IndexTaskAdmin(admin.ModelAdmin):
    list_display = ["id", "kind", "object_id", "created_at", "attempts", "next_attempt_at"]
    list_filter = ["kind"]
    readonly_fields = ["last_error"]


@admin.register(MatchFeedback)
class MatchFeedbackAdmin(admin.ModelAdmin):
    list_display = [
        "need",
        "achievement",
        "verdict",
        "reason",
        "organization",
        "user",
        "created_at",
    ]
    list_filter = ["verdict", "reason"]
    raw_id_fields = ["need", "achievement", "organization", "user"]


@admin.register(SavedSearch)
class SavedSearchAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "query", "created_at", "last_notified_at"]
    raw_id_fields = ["user"]
