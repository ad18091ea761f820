"""The archive's records: processes, meetings, who took part, what they produced.

Reference data (countries, organisations, people, topics, processes) is public
vocabulary. Content records (meetings, documents, agreements, action items)
carry a publication status, and `PublishableQuerySet.public()` is the one place
that decides what the public may see.

The models live in modules by concern; import them from here
(`from meetings.models import Meeting`).
"""

from meetings.models.commitments import (  # noqa: F401
    OPEN_PROGRESS,
    ActionItem,
    ActionItemManager,
    ActionItemQuerySet,
    ActionItemStatus,
    ActionItemStatusChange,
    ActionItemStatusChangeQuerySet,
)
from meetings.models.documents import (  # noqa: F401
    RELATION_INVERSE,
    Agreement,
    AgreementKind,
    AgreementManager,
    AgreementQuerySet,
    AgreementRelation,
    AgreementRelationManager,
    AgreementSection,
    Document,
    DocumentKind,
    DocumentManager,
    DocumentQuerySet,
    Language,
    RelationKind,
)
from meetings.models.meetings import (  # noqa: F401
    Meeting,
    MeetingKind,
    MeetingManager,
    MeetingQuerySet,
    Participation,
    ParticipationManager,
    ParticipationQuerySet,
    ParticipationRole,
)
from meetings.models.publishing import (  # noqa: F401
    PublicationStatus,
    Publishable,
    PublishableQuerySet,
    ReadyQuerySetMixin,
    review_flag,
)
from meetings.models.revisions import Revision, RevisionKind, RevisionQuerySet, RevisionStatus  # noqa: F401
from meetings.models.vocabulary import (  # noqa: F401
    Country,
    CountryAlias,
    CountryAliasManager,
    CountryManager,
    CountryQuerySet,
    MembershipRole,
    Organisation,
    OrganisationKind,
    Person,
    Process,
    ProcessMembership,
    ProcessMembershipManager,
    SlugManager,
    Topic,
)
