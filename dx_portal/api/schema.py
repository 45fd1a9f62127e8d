"""The OpenAPI schema's shared parts: the error shape on every operation, the token scheme and scopes.

``PortalAutoSchema`` is DRF's DEFAULT_SCHEMA_CLASS, so every view gets it without doing anything:
- each operation lists the errors it can answer (400, 401, 403, 404, 406, 409, 413, 415, 422, 429) as references
  to ``components/responses``, all with the one ``ErrorResponse`` body; a view's own response for the
  same status (e.g. a 409 documented with ``@extend_schema``) is kept;
- the token scope a view requires (``required_scopes``) is named in the description and in
  ``x-required-scope``; a view open to anonymous reads (``allow_anonymous_read``) says so in ``security``;
- every POST takes an optional ``Idempotency-Key`` header (dx_portal.api.idempotency).
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import ResolvedComponent
from rest_framework import permissions

from ..models import ApiToken

ERROR_SCHEMA_NAME = "ErrorResponse"
ERROR_SCHEMA_REF = {"$ref": f"#/components/schemas/{ERROR_SCHEMA_NAME}"}
ERROR_STATUSES = {"400", "401", "403", "404", "405", "406", "409", "413", "415", "422", "429"}


def error_responses() -> dict[int, tuple[str, dict]]:
    """status: (component name, OpenAPI response); built per call, in the language of the request."""
    body = {"application/json": {"schema": ERROR_SCHEMA_REF}}

    def response(description, **headers):
        result = {"description": str(description), "content": body}
        if headers:
            result["headers"] = headers
        return result

    return {
        400: ("BadRequest", response(_("入力の誤り。errors に項目ごとのエラー（項目に属さないものは non_field_errors）。"))),
        401: (
            "Unauthorized",
            response(
                _("トークンがない、または無効（誤り・期限切れ・失効）。"),
                **{"WWW-Authenticate": {"schema": {"type": "string", "example": "Token"}}},
            ),
        ),
        403: ("Forbidden", response(_("トークンのスコープ、または利用者の役割では許されない操作。"))),
        404: ("NotFound", response(_("指定されたもの、またはページが見つからない。"))),
        405: (
            "MethodNotAllowed",
            response(
                _("この URL ではそのメソッドは使えない。Allow ヘッダーに使えるメソッド。"),
                Allow={"schema": {"type": "string", "example": "GET, HEAD, OPTIONS"}},
            ),
        ),
        406: ("NotAcceptable", response(_("Accept ヘッダーまたは format で求められた形式では応答できない。"))),
        409: ("Conflict", response(_("他の利用者が先に更新した。current に現在の内容。"))),
        413: ("PayloadTooLarge", response(_("本文が大きすぎる。"))),
        415: ("UnsupportedMediaType", response(_("本文の形式（Content-Type）を受け付けない。"))),
        422: ("IdempotencyKeyReused", response(_("この Idempotency-Key は別の内容のリクエストに使われている。"))),
        429: (
            "TooManyRequests",
            response(
                _("リクエストが多すぎる。Retry-After 秒後に再試行できる。"),
                **{"Retry-After": {"schema": {"type": "integer", "minimum": 0}, "description": str(_("再試行までの秒数"))}},
            ),
        ),
    }


def idempotency_key_parameter() -> dict:
    return {
        "in": "header",
        "name": "Idempotency-Key",
        "required": False,
        "schema": {"type": "string", "minLength": 1, "maxLength": 255, "pattern": "^[\\x20-\\x7e]+$"},
        "description": str(
            _(
                "同じキーと本文の再送は 24 時間、最初と同じ応答を返し、二重に登録しない"
                "（応答ヘッダー Idempotent-Replayed: true）。同じキーで本文が違えば 422。"
            )
        ),
    }


def error_schema() -> dict:
    return {
        "type": "object",
        "description": str(_("API のすべてのエラーに共通の形。message は要求の言語（Accept-Language）で返る。")),
        "properties": {
            "status": {"type": "integer", "description": str(_("HTTP ステータスコード")), "example": 400},
            "code": {"type": "string", "description": str(_("機械向けのエラーコード")), "example": "invalid"},
            "message": {"type": "string", "description": str(_("利用者向けのメッセージ"))},
            "errors": {
                "type": "object",
                "additionalProperties": {},
                "description": str(_("400 のとき: 項目名ごとのエラーメッセージの一覧")),
            },
            "current": {
                "type": "object",
                "additionalProperties": {},
                "description": str(_("409 のとき: 記録の現在の内容（版番号など）")),
            },
        },
        "required": ["status", "code", "message"],
    }


class PortalAutoSchema(AutoSchema):
    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is None:
            return None
        scope = self._required_scope()
        if scope:
            operation["x-required-scope"] = scope
            note = str(_("トークンに必要なスコープ: `%(scope)s`")) % {"scope": scope}
            operation["description"] = f"{operation['description']}\n\n{note}" if operation.get("description") else note
        if self.method == "POST":
            operation.setdefault("parameters", []).append(idempotency_key_parameter())
        self._list_orderings(operation)
        refs = self._error_refs()
        responses = operation["responses"]
        for status in self._error_statuses(operation):
            responses.setdefault(str(status), refs[status])
        for status in ERROR_STATUSES & set(responses):
            # A view that describes an error in its own words (@extend_schema) still answers the one shape.
            if "$ref" not in responses[status]:
                responses[status].setdefault("content", {"application/json": {"schema": ERROR_SCHEMA_REF}})
        return operation

    def _list_orderings(self, operation) -> None:
        """OrderingFilter documents ``ordering`` as any string; the view's ``ordering_fields`` are the values."""
        fields = getattr(self.view, "ordering_fields", None)
        if not isinstance(fields, (list, tuple)):
            return
        for parameter in operation.get("parameters", []):
            if parameter.get("name") == "ordering" and "enum" not in parameter["schema"]:
                parameter["schema"]["enum"] = [name for field in fields for name in (field, f"-{field}")]
                parameter["description"] = str(
                    _("並べ替えの項目。- を付けると降順。Sort field; a leading - sorts in descending order.")
                )

    def get_auth(self):
        auths = super().get_auth()
        if self._is_read() and getattr(self.view, "allow_anonymous_read", False) and {} not in auths:
            auths.append({})
        return auths

    def _is_read(self) -> bool:
        return self.method in permissions.SAFE_METHODS

    def _required_scope(self) -> str | None:
        required = getattr(self.view, "required_scopes", None) or {}
        return required.get("read" if self._is_read() else "write")

    def _error_statuses(self, operation) -> list[int]:
        locations = {parameter.get("in") for parameter in operation.get("parameters", [])}
        has_body = "requestBody" in operation
        statuses = [406]
        if has_body or "query" in locations:
            statuses.append(400)
        if self.view.get_authenticators():
            statuses.append(401)
        if any(not isinstance(p, permissions.AllowAny) for p in self.view.get_permissions()):
            statuses.append(403)
        # A path parameter names a record that may not exist; a page number may run past the end.
        names = {parameter.get("name") for parameter in operation.get("parameters", [])}
        if "path" in locations or "page" in names:
            statuses.append(404)
        if not self._is_read():
            statuses.append(409)
        if self.method == "POST":
            statuses.append(422)
        if has_body:
            statuses.extend([413, 415])
        if self.view.get_throttles():
            statuses.append(429)
        return sorted(statuses)

    def _error_refs(self) -> dict[int, dict]:
        self.registry.register_on_missing(
            ResolvedComponent(
                name=ERROR_SCHEMA_NAME, type=ResolvedComponent.SCHEMA, schema=error_schema(), object=ERROR_SCHEMA_NAME
            )
        )
        refs = {}
        # All are registered, 405 too: no documented operation answers it, but clients meet it.
        for status, (name, response) in error_responses().items():
            component = ResolvedComponent(name=name, type=ResolvedComponent.RESPONSE, schema=response, object=name)
            self.registry.register_on_missing(component)
            refs[status] = component.ref
        return refs


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """``Authorization: Token <key>``: knox tokens with scopes."""

    target_class = "dx_portal.api.authentication.ApiTokenAuthentication"
    name = "TokenAuth"
    priority = 1

    def get_security_definition(self, auto_schema):
        scopes = "\n".join(f"- `{value}`: {label}" for value, label in ApiToken.Scope.choices)
        description = str(
            _(
                "`Authorization: Token <キー>` ヘッダーで送る API トークン（`python manage.py issue_token` で発行）。"
                "トークンはスコープの範囲でだけ使える:"
            )
        )
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": f"{description}\n\n{scopes}",
        }
