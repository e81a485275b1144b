"""Celery tasks of peserta (Celery finds this module; each concern's tasks are imported to be found too)."""

from peserta.ekspor.tasks import susun_ekspor_lintas

__all__ = ["susun_ekspor_lintas"]
