import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import EnterpriseFactory, MembershipFactory

pytestmark = pytest.mark.django_db

LINKS = {
    "login": lambda: reverse("account_login"),
    "signup": lambda: reverse("account_signup"),
    "logout": lambda: reverse("account_logout"),
    "profile": lambda: reverse("profiles:start"),
    "company": lambda: reverse("enterprises:start"),
    "admin": lambda: reverse("admin:index"),
}

NAVIGATION = [
    ("anonymous", {"login", "signup"}),
    ("talent", {"logout", "profile"}),
    ("member", {"logout", "company"}),
    ("enterprise_user", {"logout", "company"}),
    ("staff", {"logout", "admin"}),
]


@pytest.mark.parametrize(("role", "shown"), NAVIGATION)
def test_navigation_changes_with_the_role(client, user_for_role, role, shown):
    user = user_for_role(role)
    if user:
        client.force_login(user)

    nav = client.get(reverse("pages:about")).content.decode().split('<nav class="site-nav"')[1]
    nav = nav.split("</nav>")[0]

    for name, url in LINKS.items():
        assert (f'"{url()}"' in nav) == (name in shown), name


@pytest.mark.parametrize(
    ("role", "status"),
    [("talent", 200), ("member", 404), ("enterprise_user", 404), ("staff", 404)],
)
def test_talent_start_page_is_for_talents(client, user_for_role, role, status):
    client.force_login(user_for_role(role))

    assert client.get(reverse("profiles:start")).status_code == status


@pytest.mark.parametrize(
    ("role", "status"),
    [("talent", 404), ("member", 200), ("enterprise_user", 200), ("staff", 404)],
)
def test_company_start_page_is_for_company_representatives(client, user_for_role, role, status):
    client.force_login(user_for_role(role))

    assert client.get(reverse("enterprises:start")).status_code == status


@pytest.mark.parametrize("name", ["profiles:start", "enterprises:start"])
def test_anonymous_visitors_are_sent_to_log_in(client, name):
    response = client.get(reverse(name))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_member_sees_their_own_company_only(client, member):
    other = EnterpriseFactory(name="Somebody Else Oy")
    client.force_login(member)

    content = client.get(reverse("enterprises:start")).content.decode()

    assert member.enterprises.get().name in content
    assert other.name not in content


def test_company_page_query_count_does_not_grow_with_companies(client, member):
    client.force_login(member)

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("enterprises:start")).status_code == 200
        return len(ctx.captured_queries)

    one = queries()
    MembershipFactory.create_batch(5, user=member)
    assert queries() == one
