"""English identifiers for generated clients: a drf-spectacular postprocessing hook.

Client generators name classes and functions after ``operationId``s and schema ``title``s. Ours came from
the URL (``v1_projects_issues_partial_update``) and from the Japanese labels of the filters (a class
``V1ProjectsIssuesList状態``). Here every operation gets an id of verb and resource
(``update_project_issue``), and a non-ASCII title becomes the description (the words stay, for people)
so that generators name the schema after its English key instead.
"""

import re

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


def _ascii_titles(node) -> None:
    if isinstance(node, dict):
        title = node.get("title")
        if isinstance(title, str) and not title.isascii():
            del node["title"]
            node.setdefault("description", title)
        for value in node.values():
            _ascii_titles(value)
    elif isinstance(node, list):
        for value in node:
            _ascii_titles(value)


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
    _ascii_titles(result)
    return result
