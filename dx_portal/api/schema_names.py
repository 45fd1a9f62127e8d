"""English identifiers for generated clients: a drf-spectacular postprocessing hook.

Client generators name classes and functions after ``operationId``s and schema ``title``s. Ours came from
the URL (``v1_projects_issues_partial_update``) and from the Japanese labels of the filters (a class
``V1ProjectsIssuesList状態``). Here every operation gets an id of verb and resource
(``update_project_issue``), and a non-ASCII title becomes the description (the words stay, for people)
so that generators name the schema after its English key instead. An enum of non-ASCII values (the
units 件, 人, …) gets ``x-enum-varnames`` from the names of its Django choices (``CASES``, ``PEOPLE``).
"""

import re
from functools import cache

from django.db import models

VERBS = {"get": "get", "patch": "update", "put": "replace", "delete": "delete"}
PARAMETER = re.compile(r"^\{.+\}$")


def singular(word: str) -> str:
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _is_list(operation) -> bool:
    content = operation.get("responses", {}).get("200", {}).get("content", {})
    schema = next(iter(content.values()), {}).get("schema", {})
    return schema.get("type") == "array" or schema.get("$ref", "").startswith("#/components/schemas/Paginated")


def operation_id(path: str, method: str, item: dict) -> str:
    """``GET /api/v1/projects/{code}/issues/`` → ``list_project_issues``; a POST-only URL after a record's
    id (``POST …/status-reports/{id}/approve/``) is an action, its name the verb:
    ``approve_project_status_report``."""
    segments = [s for s in path.strip("/").split("/") if s not in ("api", "v1")]
    words, action = [], None
    for index, segment in enumerate(segments):
        if PARAMETER.match(segment):
            words[-1] = singular(words[-1])
            continue
        last_after_record = index == len(segments) - 1 and index > 0 and PARAMETER.match(segments[index - 1])
        if last_after_record and method == "post" and "get" not in item:
            action = segment
        else:
            words.append(segment)
    if action:
        verb = action
    elif method == "get":
        verb = "list" if _is_list(item["get"]) else "get"
    elif method == "post":
        verb, words[-1] = "create", singular(words[-1])
    else:
        verb = VERBS[method]
    name = "_".join([verb, *words])
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


@cache
def choice_names() -> dict[str, str]:
    """The member name of each value of the project's TextChoices, when unambiguous."""
    names, pending = {}, list(models.TextChoices.__subclasses__())
    while pending:
        choices = pending.pop()
        pending.extend(choices.__subclasses__())
        for member in choices:
            names.setdefault(member.value, set()).add(member.name)
    return {value: found.pop() for value, found in names.items() if len(found) == 1}


def _english(node) -> None:
    if isinstance(node, dict):
        title = node.get("title")
        if isinstance(title, str) and not title.isascii():
            del node["title"]
            node.setdefault("description", title)
        # Generators drop null from an enum and keep "" (a blank choice): the names follow the same list.
        values = [value for value in node.get("enum") or [] if value is not None]
        if any(isinstance(value, str) and not value.isascii() for value in values):
            names = {**choice_names(), "": "BLANK"}
            missing = [value for value in values if value not in names]
            if missing:
                raise ValueError(f"enum values without an English name: {missing}")
            node["x-enum-varnames"] = [names[value] for value in values]
        for value in node.values():
            _english(value)
    elif isinstance(node, list):
        for value in node:
            _english(value)


def english_identifiers(result, generator, request, public):
    seen = {}
    for path, item in result.get("paths", {}).items():
        for method, operation in item.items():
            if not isinstance(operation, dict) or "operationId" not in operation:
                continue
            name = operation_id(path, method, item)
            if name in seen:
                raise ValueError(f"operationId {name} for both {seen[name]} and {method.upper()} {path}")
            seen[name] = f"{method.upper()} {path}"
            operation["operationId"] = name
    _english(result)
    return result
