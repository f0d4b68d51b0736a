"""The one form-error pattern (templates/_form_errors.html): what the summary above a form lists.

Every crispy form gets the summary through the template pack (templates/bootstrap5/errors.html); a
template that renders fields one by one (``as_crispy_field``) includes ``_form_errors.html`` itself."""

from dataclasses import dataclass

from django import forms, template

register = template.Library()


@dataclass(frozen=True)
class FieldError:
    label: str
    message: str
    target: str  # the id of the control to focus ("" for a hidden field)


def error_target(bound_field) -> str:
    """The id of the element a summary link leads to: the control itself, or the first option of a
    radio / checkbox group (the group has no element with the field's own id)."""
    if bound_field.is_hidden:
        return ""
    widget = bound_field.field.widget
    auto_id = bound_field.auto_id
    if not auto_id:
        return ""
    if isinstance(widget, forms.RadioSelect):  # CheckboxSelectMultiple is a RadioSelect too
        return f"{auto_id}_0" if list(bound_field.field.choices) else f"div_{auto_id}"
    if isinstance(widget, forms.MultiWidget):
        return f"{auto_id}_0"
    return auto_id


def field_order(form) -> list[str]:
    """The fields in the order the page shows them: the crispy layout's order when the form has one
    (a registration shows the account first), then any field the layout leaves out."""
    layout = getattr(getattr(form, "helper", None), "layout", None)
    names = []
    if layout is not None:
        for pointer in layout.get_field_names():
            name = getattr(pointer, "name", pointer)
            if name in form.fields and name not in names:
                names.append(name)
    return names + [name for name in form.fields if name not in names]


@register.simple_tag
def form_field_errors(form) -> list[FieldError]:
    """Each field error of ``form`` with its field's label and the id to link to, in the order the
    fields are shown."""
    items = []
    for name in field_order(form):
        if name not in form.errors:
            continue
        bound = form[name]
        label = str(bound.label or name)
        for message in form.errors[name]:
            items.append(FieldError(label=label, message=message, target=error_target(bound)))
    return items
