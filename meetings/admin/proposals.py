"""Admin plumbing of revisions: an editor's write on live content becomes a proposal.

Every admin view that writes (the change and add form, delete, the change
list's actions and list editing, restoring an old version) runs through
`save_or_propose`. The editor sees the normal form; when what they saved
touches live content, the write is rolled back, kept as a pending revision,
and they land on the proposal's page.
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from meetings.models import Revision
from meetings.revisions import review
from meetings.revisions.states import key_of, live_state, model_of

PROPOSED = _(
    "Your change was saved as a proposal for a publisher to review. The public sees the live version until "
    "a publisher approves it."
)


def _queued_messages(request) -> list | None:
    # The messages the rolled-back write queued ("… was changed successfully") must not be shown:
    # nothing was changed. Every storage of django.contrib.messages keeps them in this list.
    return getattr(getattr(request, "_messages", None), "_queued_messages", None)


def save_or_propose(request, write):
    """The response of `write()`, or, when it was turned into a proposal, a redirect to the proposal."""
    if request.method != "POST":
        return write()
    queued = _queued_messages(request)
    already = len(queued) if queued is not None else 0
    outcome = review.save_or_propose(request.user, write)
    if outcome.revision is None:
        return outcome.result
    if queued is not None:
        del queued[already:]
    messages.success(request, PROPOSED)
    return redirect(revision_url(outcome.revision))


def revision_url(revision: Revision) -> str:
    return reverse("admin:meetings_revision_change", args=[revision.pk])


def notice_context(request, obj) -> dict:
    """What a record's page says about revisions: whether saving makes a proposal, and those pending."""
    if obj is None or obj.pk is None:
        return {}
    label, pk = key_of(obj)
    root = review.is_live(label, pk, live_state(label, pk))
    if root is None:
        return {}
    root_model = model_of(root[0])
    pending = (
        Revision.objects.pending()
        .filter(
            content_type__app_label=root_model._meta.app_label,
            content_type__model=root_model._meta.model_name,
            object_id=root[1],
        )
        .select_related("author")
    )
    return {
        "saves_as_proposal": not review.may_change_live(request.user, [root]),
        "pending_revisions": [{"revision": revision, "url": revision_url(revision)} for revision in pending[:20]],
    }
