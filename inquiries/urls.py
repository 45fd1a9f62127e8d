"""Web pages of inquiries (照会), mounted at /governance/inquiries/."""

from django.urls import path

from . import views

app_name = "inquiries"
urlpatterns = [
    path("", views.InquiryListView.as_view(), name="inquiry-list"),
    path("new/", views.InquiryCreateView.as_view(), name="inquiry-create"),
    path("<int:pk>/", views.InquiryDetailView.as_view(), name="inquiry-detail"),
    path("<int:pk>/results.<str:fmt>", views.InquiryExportView.as_view(), name="inquiry-export"),
    path("<int:pk>/workbook.xlsx", views.InquiryWorkbookView.as_view(), name="inquiry-workbook"),
    path("<int:pk>/import/", views.AnswerImportView.as_view(), name="answer-import"),
    path("<int:pk>/answers/<str:code>/", views.AnswerUpdateView.as_view(), name="answer-update"),
    path("<int:pk>/dx-status/<int:question>/", views.DxStatusApplyView.as_view(), name="inquiry-dx-apply"),
]
