"""What a REST client does with the Python client generated from /api/schema/ (openapi-python-client):
read the public KPI feeds anonymously, read projects with a token, raise an issue and edit it, and
meet a stale edit's 409 as a typed ``ErrorResponse``. ``run`` is given the generated package."""

from types import ModuleType


def run(package: ModuleType, *, base_url: str, token: str, project: str, indicator: str) -> None:
    from importlib import import_module

    api = import_module(f"{package.__name__}.api.v1")
    models = import_module(f"{package.__name__}.models")
    anonymous = package.Client(base_url=base_url)
    with_token = package.AuthenticatedClient(base_url=base_url, token=token, prefix="Token")

    indicators = import_module(f"{api.__name__}.list_kpis").sync(client=anonymous)
    assert indicator in [i.code for i in indicators.results], indicators
    observations = import_module(f"{api.__name__}.list_kpi_observations").sync(client=anonymous, code=indicator)
    assert observations.results and observations.results[0].indicator_code == indicator

    projects = import_module(f"{api.__name__}.list_projects").sync(client=with_token)
    assert project in [p.code for p in projects.results], projects

    raised = import_module(f"{api.__name__}.create_project_issue").sync_detailed(
        client=with_token,
        code=project,
        body=models.ProjectIssueCreateRequest(
            title="移行データの品質", kind=models.ProjectIssueKindEnum.RISK, severity=models.SeverityEnum.HIGH,
            likelihood=4, impact=5,
        ),
    )
    assert raised.status_code == 201, raised.content
    issue = raised.parsed
    assert isinstance(issue, models.ProjectIssue) and issue.version == 1

    update = import_module(f"{api.__name__}.update_project_issue")
    edited = update.sync(
        client=with_token, code=project, id=issue.id, body=models.PatchedProjectIssueRequest(owner="担当 大和", version=1)
    )
    assert isinstance(edited, models.ProjectIssue) and edited.version == 2, edited

    stale = update.sync_detailed(
        client=with_token, code=project, id=issue.id, body=models.PatchedProjectIssueRequest(owner="担当 鎌倉", version=1)
    )
    assert stale.status_code == 409
    assert isinstance(stale.parsed, models.ErrorResponse), stale.parsed
    assert stale.parsed.code == "stale_version" and stale.parsed.current["version"] == 2
