"""The public site's registrations: its link in every page's footer, the office's section on a decision's page,
the effects of revoking a decision and of changing an award in the registry, and the demo step that publishes the demo's issued decisions."""

from django.db.models.signals import post_save, pre_delete
from django.utils.translation import gettext_lazy as _

from thidua.core.registry import NavEntry, demo_facts, registry


def register() -> None:
    """Called once from PublicConfig.ready()."""
    # The decisions app's own effects (awards revoked in the registry) attach when its services load; loading
    # them first puts the withdrawal after them.
    from thidua.commendations.models import AwardRecord
    from thidua.decisions import services as _decisions  # noqa: F401
    from thidua.decisions.workflow import DECISION, REVOKE

    # selectors registers the scope policy of the public models.
    from . import demo, effects, sections, selectors  # noqa: F401

    DECISION.on(REVOKE)(effects.decision_revoked)
    post_save.connect(effects.award_saved, sender=AwardRecord, dispatch_uid="public.award_saved")
    pre_delete.connect(effects.award_deleted, sender=AwardRecord, dispatch_uid="public.award_deleted")
    registry.public_link(NavEntry("public:home", _("Trang công khai"), order=-10))
    registry.section("decision", sections.decision_publication, order=90)
    registry.demo_step(demo_facts(demo.publish_issued), order=98)
