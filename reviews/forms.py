from django import forms
from django.utils.translation import gettext_lazy as _

from catalog.forms import PhotosField
from core.filters import PageField, QueryForm

from .models import MAX_PHOTOS, MAX_TEXT, ReviewReport

RATING_CHOICES = [(n, "★" * n) for n in range(5, 0, -1)]


class ReviewPhotosField(PhotosField):
    """Up to three photos, checked like product photos (type, size, pixels)."""

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else ([data] if data else [])
        if len(files) > MAX_PHOTOS:
            raise forms.ValidationError(
                _("At most %(n)s photos per review.") % {"n": MAX_PHOTOS}, code="too_many"
            )
        return super().clean(data, initial)


class ReviewForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Your rating"),
        choices=RATING_CHOICES,
        coerce=int,
        widget=forms.RadioSelect(attrs={"class": "rating-picker"}),
        error_messages={
            "required": _("Choose from 1 to 5 stars."),
            "invalid_choice": _("Choose from 1 to 5 stars."),
        },
    )
    text = forms.CharField(
        label=_("Your review"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What did you like? How was the quality, the packing, the delivery?"),
        error_messages={"max_length": _("At most %(limit_value)d characters.")},
    )
    photos = ReviewPhotosField(label=_("Photos (up to 3)"), required=False)


class ReplyForm(forms.Form):
    text = forms.CharField(
        label=_("Your public reply"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write the reply.")},
    )


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why report this review?"), choices=ReviewReport.Reason.choices
    )
    note = forms.CharField(label=_("Details"), max_length=500, required=False)


class ReviewListForm(QueryForm):
    """The product page's review list: `reviews_sort` (newest|helpful), `reviews_page`."""

    reviews_sort = forms.ChoiceField(
        required=False, choices=[("newest", "newest"), ("helpful", "helpful")]
    )
    reviews_page = PageField()


class ModerateForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (recorded in the history)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
