"""The dashboard's figures as CSV and XLSX files, suppressed exactly as on the page."""

import csv
import io

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from .selectors import HELSINKI, Dashboard
from .suppression import Cell

# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _safe(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _value(cell: Cell):
    """A number, or the text standing for it ("<5", or a dash) when it is suppressed."""
    return cell.text if cell.suppressed else cell.value


def header_rows(report: Dashboard) -> list[list]:
    generated = timezone.localtime(report.generated_at, HELSINKI)
    return [
        [_("TalentHub impact figures")],
        [_("Period"), report.period.label],
        *([str(name), value] for name, value in report.filters.describe()),
        [_("Generated"), f"{generated:%Y-%m-%d %H:%M} (Europe/Helsinki)"],
        [
            _("Privacy"),
            _(
                "Counts from 1 to 4 are shown as <5; a median or share based on fewer than 5 "
                "cases is not shown (–), nor is a part of a total that would let a hidden count "
                "be worked out (–)."
            ),
        ],
    ]


def sheets(report: Dashboard) -> list[tuple[str, list[list]]]:
    """(sheet name, rows) for the figures and for each breakdown."""
    figures = [
        [_("Figure"), *(period.label for period in report.periods)],
        *(
            [str(figure.label), *map(_value, figure.cells)]
            for figure in report.headline + report.funnel
        ),
    ]
    names = {
        "funnel": _("Funnel"),
        "trend": _("Monthly trend"),
        "by_type": _("By type"),
        "by_municipality": _("By municipality"),
    }
    return [
        (_("Figures"), figures),
        *(
            (
                names[breakdown.key],
                [
                    [str(breakdown.row_header), *map(str, breakdown.series)],
                    *([label, *map(_value, cells)] for label, cells in breakdown.rows),
                ],
            )
            for breakdown in report.breakdowns
        ),
    ]


def _filename(report: Dashboard, extension: str) -> str:
    period = report.period
    return f"talenthub-impact-{period.start:%Y-%m-%d}-{period.end:%Y-%m-%d}.{extension}"


def _attachment(content, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(report: Dashboard) -> HttpResponse:
    # A byte order mark, so that Excel reads the file as UTF-8 (ä, ö, dashes).
    buffer = io.StringIO("\ufeff")
    buffer.seek(0, io.SEEK_END)
    writer = csv.writer(buffer)
    writer.writerows(map(_safe, row) for row in header_rows(report))
    for name, rows in sheets(report):
        writer.writerows([[], [name]])
        writer.writerows(map(_safe, row) for row in rows)
    return _attachment(buffer.getvalue(), "text/csv; charset=utf-8", _filename(report, "csv"))


def xlsx_response(report: Dashboard) -> HttpResponse:
    workbook = Workbook()
    workbook.remove(workbook.active)
    header = header_rows(report)
    for name, rows in sheets(report):
        sheet = workbook.create_sheet(name[:31])
        for row in [*header, [], *rows]:
            sheet.append([_safe(value) for value in row])
        sheet["A1"].font = Font(bold=True)
        for cell in sheet[len(header) + 2]:
            cell.font = Font(bold=True)
        sheet.column_dimensions["A"].width = 55
        for column in "BCD":
            sheet.column_dimensions[column].width = 24
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _attachment(buffer.getvalue(), XLSX_TYPE, _filename(report, "xlsx"))
