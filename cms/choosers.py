"""Chooser modals for the editors: pick a product or a booth to feature.

They are chooser viewsets only (registered in wagtail_hooks.py); the catalogue and the
booths keep their own admin screens. The lists offer public items only, and whatever
editors chose is filtered again through `.public()` when a page renders.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView
from wagtail.admin.viewsets.chooser import ChooserViewSet


class NameSearchForm(BaseFilterForm):
    """A plain "name contains" search (these models are not in Wagtail's search index)."""

    q = forms.CharField(
        label=_("Search term"),
        widget=forms.TextInput(attrs={"placeholder": _("Search")}),
        required=False,
    )

    def filter(self, objects):
        query = (self.cleaned_data.get("q") or "").strip()
        if query:
            objects = objects.filter(name__icontains=query)
            self.is_searching = True
            self.search_query = query
        return objects


class _PublicProductsMixin:
    filter_form_class = NameSearchForm

    def get_object_list(self):
        from catalog.models import Product

        return Product.objects.public().select_related("booth").order_by("-created_at")

    @property
    def columns(self):
        return [
            self.title_column,
            Column("booth", label=_("Booth"), accessor="booth"),
            Column("price", label=_("Price (VND)"), accessor="price"),
        ]


class ProductChooseView(_PublicProductsMixin, ChooseView):
    pass


class ProductChooseResultsView(_PublicProductsMixin, ChooseResultsView):
    pass


class ProductChooserViewSet(ChooserViewSet):
    model = "catalog.Product"
    icon = "tag"
    choose_one_text = _("Choose a product")
    choose_another_text = _("Choose another product")
    edit_item_text = _("Edit product")
    per_page = 20
    choose_view_class = ProductChooseView
    choose_results_view_class = ProductChooseResultsView


class _PublicBoothsMixin:
    filter_form_class = NameSearchForm

    def get_object_list(self):
        from shops.models import Booth

        return Booth.objects.public().select_related("area").order_by("name")


class BoothChooseView(_PublicBoothsMixin, ChooseView):
    pass


class BoothChooseResultsView(_PublicBoothsMixin, ChooseResultsView):
    pass


class BoothChooserViewSet(ChooserViewSet):
    model = "shops.Booth"
    icon = "home"
    choose_one_text = _("Choose a booth")
    choose_another_text = _("Choose another booth")
    edit_item_text = _("Edit booth")
    per_page = 20
    choose_view_class = BoothChooseView
    choose_results_view_class = BoothChooseResultsView


product_chooser_viewset = ProductChooserViewSet("product_chooser", url_prefix="chon-san-pham")
booth_chooser_viewset = BoothChooserViewSet("booth_chooser", url_prefix="chon-gian-hang")
