"""Form fields for the NIP and phone numbers, giving the parsers' Indonesian messages as form errors."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.utils.translation import gettext_lazy as _

from diklat.nip import format_nip, normalize_nip
from diklat.telepon import format_telepon, normalize_telepon


class NipField(forms.CharField):
    """Accept a NIP typed with spaces, dots or hyphens and clean it to its 18 digits."""

    default_error_messages: ClassVar[dict[str, Any]] = {"required": _("NIP wajib diisi.")}

    def to_python(self, value: Any) -> str:
        value = super().to_python(value)
        if value in self.empty_values:
            return ""
        return normalize_nip(value)

    def prepare_value(self, value: Any) -> Any:
        # A stored NIP shows grouped; what the user typed (bound, invalid data) comes back unchanged.
        return format_nip(value) if isinstance(value, str) else value

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        attrs.setdefault("inputmode", "numeric")
        attrs.setdefault("autocomplete", "off")
        attrs.setdefault("placeholder", "19660801 198803 1 001")
        return attrs


class TeleponField(forms.CharField):
    """Accept an Indonesian phone number typed any common way and clean it to E.164 (``+62…``)."""

    def to_python(self, value: Any) -> str:
        value = super().to_python(value)
        if value in self.empty_values:
            return ""
        return normalize_telepon(value)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, str) and value.startswith("+62"):
            return format_telepon(value)
        return value

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        attrs.setdefault("inputmode", "tel")
        attrs.setdefault("autocomplete", "tel")
        return attrs
