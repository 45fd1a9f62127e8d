"""REST endpoints of inquiries, mounted under /api/v1/."""

from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("inquiries", views.InquiryViewSet, basename="inquiry")

urlpatterns = router.urls
