from django import template

from core.queues import queues_for

register = template.Library()


@register.simple_tag(takes_context=True)
def review_queues(context):
    return queues_for(context["request"].user)
