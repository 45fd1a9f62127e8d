from django.contrib import admin

from dx_portal.admin import ReadOnlyAdmin, ViewOnlyMixin

from .models import Answer, Chaser, Inquiry, Question

# Inquiries are sent and answered on the portal's pages (the questions are fixed once sent, answers are checked
# against them there); here they are read, with their history.


class QuestionInline(ViewOnlyMixin, admin.TabularInline):
    model = Question
    extra = 0
    fields = ["order", "text", "kind", "choices", "required"]
    readonly_fields = fields


@admin.register(Inquiry)
class InquiryAdmin(ReadOnlyAdmin):
    list_display = ["title", "sent_on", "deadline", "created_by"]
    search_fields = ["title", "body"]
    date_hierarchy = "sent_on"
    inlines = [QuestionInline]


@admin.register(Answer)
class AnswerAdmin(ReadOnlyAdmin):
    list_display = ["inquiry", "municipality", "answered_at", "entered_by", "source"]
    list_filter = ["source", "municipality__kind"]
    search_fields = ["inquiry__title", "municipality__name", "municipality__code"]
    list_select_related = ["inquiry", "municipality", "entered_by"]


@admin.register(Chaser)
class ChaserAdmin(ReadOnlyAdmin):
    """Written by the chaser sweep only (claim, send, mark)."""

    list_display = ["inquiry", "municipality", "kind", "deadline", "sent_at"]
    list_filter = ["kind"]
    list_select_related = ["inquiry", "municipality"]
