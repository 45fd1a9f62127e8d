"""Log records as JSON lines (the access log's format). Apart from the middleware: logging is configured before
the apps are loaded, and this imports nothing of the portal."""

import datetime
import json
import logging


class JsonFormatter(logging.Formatter):
    """A record as one JSON object: its ``access`` fields when it has them, else its message."""

    def format(self, record):
        fields = getattr(record, "access", None) or {"level": record.levelname, "message": record.getMessage()}
        moment = datetime.datetime.fromtimestamp(record.created, datetime.UTC).isoformat(timespec="milliseconds")
        return json.dumps({"time": moment, "logger": record.name, **fields}, ensure_ascii=False)
