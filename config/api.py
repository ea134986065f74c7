"""The open read-only JSON API under /api/v1 (django-ninja, with its OpenAPI schema)."""

from django.core.exceptions import PermissionDenied
from ninja import NinjaAPI

api = NinjaAPI(
    title="临沂技术成果交易平台 API",
    version="1",
    description="Published technology achievements, needs and matches. 只读开放接口。",
    urls_namespace="api-v1",
)


@api.exception_handler(PermissionDenied)
def refused(request, exc):
    """accounts.authorization.authorize's 403, answered in JSON like every other API error."""
    return api.create_response(request, {"detail": "forbidden"}, status=403)


from brokerage.api import router as brokerage_router  # noqa: E402

api.add_router("/brokerage/", brokerage_router)

from challenges.api import router as challenges_router  # noqa: E402

api.add_router("/challenges/", challenges_router)

from marketplace.api import router as marketplace_router  # noqa: E402

api.add_router("/", marketplace_router)

from search.api import router as search_router  # noqa: E402

api.add_router("/", search_router)

from accounts.api import router as accounts_router  # noqa: E402

api.add_router("/accounts/", accounts_router)

from evaluation.api import router as evaluation_router  # noqa: E402

api.add_router("/evaluation/", evaluation_router)
