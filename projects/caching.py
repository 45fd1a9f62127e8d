"""The version of what the project list, the portfolio and their APIs show (dx_portal.versioned_cache).

Every model those reads join is covered: a project, its reports, issues, findings and milestones, and
the names of its division and bureau.
"""

from dx_portal.versioned_cache import DataVersion
from organisation.models import Bureau, Division

from .models import Finding, GateReview, Milestone, Project, ProjectIssue, StatusReport

PROJECT_DATA = DataVersion(
    "projects", [Project, StatusReport, ProjectIssue, Finding, Milestone, GateReview, Division, Bureau]
)
