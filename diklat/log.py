"""Logging of the site: what the server console shows."""

import logging


class TanpaJejakUntuk4xx(logging.Filter):
    """Drop the traceback from the log line of a 4xx response (an ordinary 403 from a permission check).

    Django logs a refused permission as a warning with the exception attached, so the console shows a
    traceback for what is not a fault of the site. The one line (status and path) stays; 5xx keep theirs.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if isinstance(status, int) and 400 <= status < 500 and record.exc_info:
            record.exc_info = None
            record.exc_text = None
        return True
