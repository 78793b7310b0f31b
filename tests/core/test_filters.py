"""core.filters: the one lenient parser of list pages' GET parameters."""

from django import forms
from django.http import QueryDict

from core.filters import PageField, QueryForm, QueryTextField


class ShelfForm(QueryForm):
    area = forms.SlugField(required=False)
    stars = forms.IntegerField(required=False, min_value=0, max_value=5)
    sort = forms.ChoiceField(required=False, choices=[("newest", "Newest"), ("price", "Price")])
    fresh = forms.BooleanField(required=False)
    q = QueryTextField(max_length=10)
    page = PageField()


def test_well_formed_values_are_cleaned_and_bad_ones_dropped():
    params = ShelfForm.parse(
        QueryDict(
            "area=luc-ngan&stars=9&sort=DROP&fresh=1&page=-2&q=  v%E1%BA%A3i   thi%E1%BB%81u "
        )
    )
    assert dict(params) == {"area": "luc-ngan", "fresh": True, "q": "vải thiều"}


def test_zero_is_a_value_not_an_absence():
    assert ShelfForm.parse({"stars": "0"}) == {"stars": 0}


def test_nul_bytes_and_over_long_values_are_dropped_before_any_field_sees_them():
    params = ShelfForm.parse({"q": "vai\x00thieu", "area": "a" * 501, "sort": "price\x00"})
    assert dict(params) == {}


def test_text_is_cut_rather_than_refused():
    assert ShelfForm.parse({"q": "mật ong rừng Yên Thế"})["q"] == "mật ong rừ"


def test_urlencode_keeps_only_accepted_parameters_in_their_raw_form():
    params = ShelfForm.parse(
        QueryDict("fresh=on&sort=price&stars=x&utm_source=zalo&page=3&area=%00")
    )
    assert params.urlencode(drop=("page",)) == "sort=price&fresh=on"
    assert "page=3" in params.urlencode()


def test_plain_dicts_and_non_string_values_are_accepted():
    assert ShelfForm.parse({"stars": 4, "page": 2}) == {"stars": 4, "page": 2}
    assert ShelfForm.parse(None) == {}
