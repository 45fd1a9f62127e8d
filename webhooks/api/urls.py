"""REST endpoints of the webhooks app, mounted under /api/v1/."""

from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("webhooks", views.SubscriptionViewSet, basename="webhook")

urlpatterns = router.urls
