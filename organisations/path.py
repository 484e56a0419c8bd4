"""The entrepreneurship path: the steps from an idea to a running business in Finland for an
international talent, and which kinds of organisation help at each step.

The steps are content kept in code, so they are translated with the rest of the interface and
every step names the services (not the organisations) that help: the page lists whichever
active organisations offer them today.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import Service


@dataclass(frozen=True, slots=True)
class Link:
    label: str | Promise
    url: str


@dataclass(frozen=True, slots=True)
class Step:
    number: int
    title: Promise
    text: tuple[Promise, ...]  # paragraphs
    services: tuple[Service, ...]
    links: tuple[Link, ...] = ()

    @property
    def anchor(self) -> str:
        return f"step-{self.number}"


STEPS: tuple[Step, ...] = (
    Step(
        number=1,
        title=_("Test and shape your idea"),
        text=(
            _(
                "Talk your idea through with a business adviser before you spend money on it. "
                "Advice for new entrepreneurs is free in Finland, and advisers in Joensuu work "
                "in English too."
            ),
            _(
                "Together you look at who your customers would be, what they would pay, who "
                "else sells the same thing, and whether the business could support you."
            ),
        ),
        services=(Service.ENTREPRENEURSHIP,),
        links=(Link("Uusyrityskeskus (Enterprise Agency)", "https://www.uusyrityskeskus.fi/en/"),),
    ),
    Step(
        number=2,
        title=_("Check that your residence permit allows you to run a business"),
        text=(
            _(
                "Citizens of the EU, the EEA and the Nordic countries may start a business "
                "without a permit. Others need a residence permit that allows it."
            ),
            _(
                "If your permit was granted for work or studies, check what it says before you "
                "start. To work full time in your own company you may need a residence permit "
                "for a self-employed person from the Finnish Immigration Service (Migri); it "
                "asks for a business plan and proof that the business can support you."
            ),
        ),
        services=(Service.WORK_PERMITS,),
        links=(Link(_("Finnish Immigration Service (Migri)"), "https://migri.fi/en/home"),),
    ),
    Step(
        number=3,
        title=_("Write a business plan and the calculations"),
        text=(
            _(
                "A business plan describes your product, your customers, how you will reach "
                "them and how you will make a living. The calculations show the money you need "
                "to start, your monthly costs and the sales you need to cover them."
            ),
            _(
                "You need the plan for a start-up grant, for a loan and for a self-employed "
                "person’s permit. A business adviser reads it with you and helps you improve it."
            ),
        ),
        services=(Service.ENTREPRENEURSHIP, Service.EDUCATION),
    ),
    Step(
        number=4,
        title=_("Find the funding: the start-up grant and loans"),
        text=(
            _(
                "The start-up grant (starttiraha) supports your living costs while the business "
                "gets going. You apply to the employment services of your area before you start "
                "the business; they decide whether the grant is paid and for how long."
            ),
            _(
                "Finnvera, the state-owned financing company, lends to new companies and "
                "guarantees bank loans when your own money is not enough."
            ),
        ),
        services=(Service.FUNDING,),
        links=(
            Link(_("Job Market Finland: start-up grant"), "https://tyomarkkinatori.fi/en"),
            Link("Finnvera", "https://www.finnvera.fi/eng"),
        ),
    ),
    Step(
        number=5,
        title=_("Choose a company form and register the business"),
        text=(
            _(
                "Most new entrepreneurs start as a sole trader (toiminimi); a limited company "
                "(osakeyhtiö) suits a business with partners or bigger risks. Ask an adviser "
                "which fits yours."
            ),
            _(
                "You register with one start-up notification in the Business Information System "
                "(YTJ), shared by the Finnish Patent and Registration Office (PRH) and the Tax "
                "Administration. You then get your business ID (Y-tunnus), which goes on every "
                "invoice."
            ),
        ),
        services=(Service.ENTREPRENEURSHIP,),
        links=(Link(_("Business Information System (YTJ)"), "https://www.ytj.fi/en/"),),
    ),
    Step(
        number=6,
        title=_("Sort out taxes, insurance and accounting"),
        text=(
            _(
                "Register for prepayment tax and, when your sales are large enough, for VAT; "
                "you can do both in the same start-up notification."
            ),
            _(
                "An entrepreneur takes out their own pension insurance (YEL) when their work "
                "income reaches the legal minimum. It also sets your sickness and parental "
                "allowances, so do not set it too low."
            ),
            _(
                "Keep books from the first day; many entrepreneurs hire an accounting firm. "
                "Check which insurances your business needs."
            ),
        ),
        services=(Service.ENTREPRENEURSHIP,),
        links=(Link(_("Finnish Tax Administration"), "https://www.vero.fi/en/"),),
    ),
    Step(
        number=7,
        title=_("Grow: networks, first customers and your first employee"),
        text=(
            _(
                "Meet other entrepreneurs and possible customers at local business events and "
                "in entrepreneur associations. Finnish customers buy from people they know."
            ),
            _(
                "When you need help, you can hire an intern or your first employee; the "
                "employment services and the schools help you find them. Learning Finnish "
                "opens more doors as your business grows."
            ),
        ),
        services=(
            Service.NETWORKING,
            Service.RECRUITMENT,
            Service.INTERNSHIPS,
            Service.LANGUAGE_COURSES,
        ),
    ),
)


def path_services() -> set[str]:
    """Every service some step names."""
    return {service for step in STEPS for service in step.services}
