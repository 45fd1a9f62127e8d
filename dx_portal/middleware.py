"""Middleware of the platform: the audit of API token use."""

from .audit import record_token_use


class TokenAuditMiddleware:
    """Records every API request made with a token, and every token the API refused (ISMS audit).

    DRF authenticates inside the view and leaves ``request.auth`` on the Django request, so this
    looks after the response and needs no hook in the authentication class.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        record_token_use(request, response)
        return response
