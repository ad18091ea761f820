"""Autocomplete widgets that label a row's current values from the objects the page already loaded.

Django's autocomplete widgets render only the selected options, but each
widget looks their labels up with a query of its own: on a page of 400
agreements that is one query per agreement for its topics, one for its parent,
one per commitment for its agreement, and so on. Here the form hands each widget
the related objects its instance already holds (from `select_related` or
`prefetch_related` in the inline's queryset), and the widget labels the options
from them. When the values to show are not those (a form sent back with other
choices), the widget looks them up as Django's does.
"""

from __future__ import annotations

from django import forms
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple, RelatedFieldWidgetWrapper
from django.db import models
from django.urls import get_script_prefix, get_urlconf

_AUTOCOMPLETE_URLS: dict[tuple, str] = {}


class LabelledFromLoadedMixin:
    """Labels the selected options from `loaded` (value -> object) when it holds every one of them."""

    #: Set per form by `LoadedLabelsForm`; empty means "look them up".
    loaded: dict[str, models.Model] = {}

    def get_url(self):
        # The autocomplete view's address, reversed once rather than for every row.
        key = (get_script_prefix(), get_urlconf(), self.url_name % self.admin_site.name)
        if key not in _AUTOCOMPLETE_URLS:
            _AUTOCOMPLETE_URLS[key] = super().get_url()
        return _AUTOCOMPLETE_URLS[key]

    def optgroups(self, name, value, attr=None):
        field = self.choices.field
        selected = [str(v) for v in value if str(v) not in field.empty_values]
        if selected and not set(selected) <= self.loaded.keys():
            return super().optgroups(name, value, attr)
        options = []
        if not self.is_required and not self.allow_multiple_selected:
            options.append(self.create_option(name, "", "", False, 0))
        for key in dict.fromkeys(selected):
            obj = self.loaded[key]
            options.append(self.create_option(name, key, field.label_from_instance(obj), True, len(options)))
        return [(None, options, 0)]


class LoadedAutocompleteSelect(LabelledFromLoadedMixin, AutocompleteSelect):
    pass


class LoadedAutocompleteSelectMultiple(LabelledFromLoadedMixin, AutocompleteSelectMultiple):
    pass


def loaded_related(instance: models.Model, name: str) -> dict[str, models.Model] | None:
    """The objects `instance` already holds for its relation `name`, by key; None if they would need a query."""
    field = instance._meta.get_field(name)
    if field.many_to_many:
        cache = getattr(instance, "_prefetched_objects_cache", {})
        if name not in cache:
            return None
        key = field.remote_field.model._meta.pk.attname
        return {str(getattr(obj, key)): obj for obj in cache[name]}
    if field.many_to_one:
        if getattr(instance, field.attname) is None:
            return {}
        if not field.is_cached(instance):
            return None
        obj = field.get_cached_value(instance)
        return {str(getattr(obj, field.target_field.attname)): obj}
    return None


class LoadedLabelsForm(forms.ModelForm):
    """Gives its autocomplete widgets the related objects the instance was loaded with."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            return
        for name, field in self.fields.items():
            widget = field.widget.widget if isinstance(field.widget, RelatedFieldWidgetWrapper) else field.widget
            if isinstance(widget, LabelledFromLoadedMixin):
                loaded = loaded_related(self.instance, name)
                if loaded is not None:
                    widget.loaded = loaded


class LoadedAutocompleteMixin:
    """For model admins and inlines: autocomplete fields get the widgets above, and forms that feed them.

    The queryset of the admin or inline must load the relations it shows
    (`select_related` for foreign keys, `prefetch_related` for many-to-many).
    """

    form = LoadedLabelsForm

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = LoadedAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = LoadedAutocompleteSelectMultiple(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_manytomany(db_field, request, **kwargs)


def without_related_links(formfield: forms.Field | None) -> forms.Field | None:
    """The field's widget without the add/change/view icons beside it.

    Rows of a long table do without them: rendering them (their addresses and
    the wrapper's template) took a quarter of the meeting page's time.
    """
    if formfield is not None and isinstance(formfield.widget, RelatedFieldWidgetWrapper):
        formfield.widget = formfield.widget.widget
    return formfield
