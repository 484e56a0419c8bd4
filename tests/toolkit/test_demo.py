import pytest

from tests.factories import EnterpriseFactory, MembershipFactory
from toolkit import demo
from toolkit.models import Assessment

pytestmark = pytest.mark.django_db


def test_demo_assessments_are_added_once():
    owner = MembershipFactory(enterprise__business_id="2765391-7")
    EnterpriseFactory(business_id="3012847-8")
    demo.seed_demo()
    demo.seed_demo()
    assert Assessment.objects.count() == 2
    ready = Assessment.objects.get(enterprise=owner.enterprise)
    assert (ready.level, ready.suggested_kind, ready.created_by) == ("ready", "job", owner.user)
