"""The site's background jobs (``diklat.models.Tugas``): sending their tasks, claiming and failing them,
their progress and their one page, whatever their kind.

- ``services``: send a task once the request commits, or record why it could not be sent; claim,
  hand back and fail a job; say an error in words for the job page.
- ``tasks``: the Celery base class that marks what a task was making failed when it gives up.
- ``selectors``: how far a job has come (``Progres``), and whether it seems to wait for a worker
  that is not there.
- ``jenis``: the registry through which a higher floor describes its kinds of job to the job page.
- ``views`` + ``urls``: the job page (``tugas:detail``) with its htmx progress bar.
"""
