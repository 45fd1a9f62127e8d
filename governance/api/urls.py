"""REST endpoints of the governance app, mounted under /api/v1/."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from . import views
from .public import PublicFeedView

router = SimpleRouter()
router.register("committee-meetings", views.CommitteeMeetingViewSet, basename="committee-meeting")
router.register("decisions", views.DecisionViewSet, basename="decision")
router.register("action-items", views.ActionItemViewSet, basename="action-item")
router.register("council-meetings", views.CouncilMeetingViewSet, basename="council-meeting")
router.register("municipalities", views.MunicipalityViewSet, basename="municipality")
router.register("agenda-proposals", views.AgendaProposalViewSet, basename="agenda-proposal")
router.register("forwarded-items", views.ForwardedItemViewSet, basename="forwarded-item")

urlpatterns = [*router.urls, path("public/", PublicFeedView.as_view(), name="public-feed")]
