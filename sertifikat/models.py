"""Certificates (STTP): numbering, rendering, signing, verification. Built in a later issue."""
