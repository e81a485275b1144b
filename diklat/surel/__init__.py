"""The site's outbox of e-mails (``diklat.models.Surel``): every message kept, sent by a worker after commit.

- ``services``: ``surel_kirim`` renders a message in the caller's language from ``<template>.txt`` and
  ``<template>.html`` (which extend ``diklat/surel/_dasar.*``), keeps it and queues it once the
  transaction commits; an unreachable queue leaves it waiting, with why.
- ``pekerja``: what a worker runs: send a waiting message once, fail it at once on a permanent refusal,
  say why in words.
- ``tasks``: ``kirim_surel``, the thin Celery task that retries passing errors with backoff.
- ``selectors``: a person's messages, newest first.
"""
