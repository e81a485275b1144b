import re

import django_filters
from django.db.models import Q
from django.forms import Select
from django.utils.translation import gettext_lazy as _

from angkatan.models import Angkatan, Venue
from diklat.pencarian import data_cari
from diklat.roman import from_roman


class BootstrapFilterSet(django_filters.FilterSet):
    """A filter form whose widgets carry Bootstrap's classes; its search box ``q`` is cut as every search box is.

    The cut is made here, on the data, so that the form shows the text searched for; the search methods get it
    cut (and never empty: django-filter does not call them for an empty value).
    """

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data_cari(data, "q"), *args, **kwargs)

    @property
    def form(self):
        form = super().form
        for field in form.fields.values():
            css = "form-select" if isinstance(field.widget, Select) else "form-control"
            field.widget.attrs.setdefault("class", css)
        return form


def tahun_choices():
    years = Angkatan.objects.order_by("-tahun").values_list("tahun", flat=True).distinct()
    return [(year, year) for year in years]


class AngkatanFilter(BootstrapFilterSet):
    q = django_filters.CharFilter(label=_("Cari"), method="search")
    tahun = django_filters.ChoiceFilter(label=_("Tahun"), choices=tahun_choices, empty_label=_("Semua tahun"))
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Angkatan.Status.choices, empty_label=_("Semua status")
    )

    class Meta:
        model = Angkatan
        fields = ["q", "program", "tahun", "status"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["program"].label = _("Program")
        self.filters["program"].extra["empty_label"] = _("Semua program")

    def search(self, queryset, name, value):
        condition = (
            Q(program__nama__icontains=value) | Q(program__kode__icontains=value) | Q(venue__nama__icontains=value)
        )
        if re.fullmatch(r"[0-9]{1,4}", value):
            condition |= Q(nomor=int(value)) | Q(tahun=int(value))
        else:
            try:
                condition |= Q(nomor=from_roman(value))
            except ValueError:
                pass
        return queryset.filter(condition)


class VenueFilter(BootstrapFilterSet):
    q = django_filters.CharFilter(label=_("Cari"), method="search")

    class Meta:
        model = Venue
        fields = ["q", "provinsi"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(nama__icontains=value) | Q(kota__icontains=value) | Q(alamat__icontains=value))
