"""The staff impact dashboard and its exports."""

from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from accounts.decorators import staff_required
from core.pagecache import private_page

from . import exports, selectors
from .forms import ImpactFilterForm


def _report(request):
    """The form of the query string, and the report it asks for (None if it is invalid)."""
    form = ImpactFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return form, None
    return form, selectors.dashboard(form.period(), form.filters())


@private_page
@staff_required("reports.view_impact")
@require_safe
@never_cache
def dashboard(request):
    form, report = _report(request)
    # The figures, and the empty form, are drawn once for every reporter for this long.
    context = {"form": form, "report": report, "cache_seconds": selectors.HEADLINE_CACHE_SECONDS}
    if report:
        context |= {
            "headline": [
                (f, list(zip(report.periods, f.cells, strict=True))) for f in report.headline
            ],
            "funnel": [(f, list(zip(report.periods, f.cells, strict=True))) for f in report.funnel],
            "can_export": request.user.has_perm("reports.export_impact"),
        }
    return TemplateResponse(request, "reports/dashboard.html", context)


def _export(write):
    @staff_required("reports.export_impact")
    @require_safe
    @never_cache
    def view(request):
        _form, report = _report(request)
        if report is None:
            # The dashboard shows what is wrong with the query.
            return redirect(f"{reverse('reports:dashboard')}?{request.GET.urlencode()}")
        return write(report)

    return view


export_csv = _export(exports.csv_response)
export_xlsx = _export(exports.xlsx_response)
