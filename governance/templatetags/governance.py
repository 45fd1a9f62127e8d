"""Template helpers of the governance pages, and the decisions panel for the project page."""

from django import template

from ..selectors import decisions_for_project, proposals_for_project

register = template.Library()

# The badge modifier (portal.css and governance.css) for each status; the badge also says the status in text.
TONES = {
    # decisions
    "agreed": "green",
    "proposed": "blue",
    "deferred": "yellow",
    "rejected": "red",
    "superseded": "neutral",
    # action items and DX status
    "open": "neutral",
    "not_started": "neutral",
    "planning": "yellow",
    "in_progress": "blue",
    "done": "green",
}


@register.filter
def tone(status: str) -> str:
    return TONES.get(status, "neutral")


@register.filter
def overdue_on(item, today) -> bool:
    """``{% if item|overdue_on:today %}``: an action item past its due date and not done."""
    return bool(today) and item.is_overdue(today)


@register.inclusion_tag("governance/includes/project_decisions.html", takes_context=True)
def project_decisions(context, project):
    """``{% project_decisions project %}``: the decisions that concern a project (one query)."""
    user = getattr(context.get("request"), "user", None)
    return {"decisions": list(decisions_for_project(user=user, project=project))}


@register.simple_tag(takes_context=True)
def agenda_proposals(context, project):
    """``{% agenda_proposals project as proposals %}``: the project's issues and findings sent to the committee."""
    user = getattr(context.get("request"), "user", None)
    return proposals_for_project(user=user, project=project)


@register.filter
def proposal_of(proposals: dict, record):
    """``{{ proposals|proposal_of:issue }}``: the latest proposal of an issue or a finding, or None."""
    kind = "issue" if record._meta.model_name == "projectissue" else "finding"
    return proposals.get((kind, record.pk))
