"""The news index's GET parameters (see `core.filters`): category, tag, page."""

from django import forms

from core.filters import PageField, QueryForm


class NewsFilterForm(QueryForm):
    category = forms.SlugField(required=False, max_length=80)
    tag = forms.SlugField(required=False, max_length=100)
    page = PageField()
