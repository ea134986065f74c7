from django.contrib import admin

from .models import EmailPreference, Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["title", "user", "event", "created_at", "read_at", "emailed_at"]
    list_filter = ["event"]
    search_fields = ["title", "user__email"]


admin.site.register(EmailPreference)
