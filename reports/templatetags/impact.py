from django import template

from reports import charts

register = template.Library()


@register.inclusion_tag("reports/includes/chart.html")
def bar_chart(breakdown):
    """A breakdown as an SVG bar chart with its table: `{% bar_chart breakdown %}`."""
    return {"chart": charts.layout(breakdown)}
