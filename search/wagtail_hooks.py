"""The synonym dictionary in the Wagtail admin, for moderators."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core.adminviews import YesNoColumn

from .models import Synonym


class SynonymViewSet(SnippetViewSet):
    model = Synonym
    icon = "search"
    menu_label = _("Search synonyms")
    menu_order = 290
    add_to_admin_menu = True
    list_display = ["terms", "note", YesNoColumn("is_active", Synonym)]
    list_filter = ["is_active"]
    search_fields = ["terms", "note"]
    search_backend_name = None
    form_fields = ["terms", "note", "is_active"]


register_snippet(SynonymViewSet)
