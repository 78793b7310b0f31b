"""Logs an operator can query: one JSON object a line, each with the request id.

- `request_id` is a context variable: `RequestLogMiddleware` sets it for each request
  (from the `X-Request-ID` header nginx sends, or a new one), and `core.tasks` carries it
  into the background tasks the request enqueues.
- `RequestIdFilter` adds it to every log record (`record.request_id`, "-" outside a
  request or task).
- `JsonFormatter` writes a record as one JSON line: time, level, logger, message, the
  request id, any `extra=` fields, and the traceback.

`LOG_FORMAT=json` (the production default) or `text` chooses the console format.
"""

import contextvars
import json
import logging
import re
import uuid
from datetime import UTC, datetime

request_id = contextvars.ContextVar("request_id", default="")

# What a client may send as a request id: short, printable, no spaces.
_VALID_ID = re.compile(r"^[A-Za-z0-9._:-]{8,128}$")

# Attributes every LogRecord has: anything else came from `extra=`.
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "request_id"}


def new_request_id():
    return uuid.uuid4().hex


def clean_request_id(value):
    """*value* if it is a usable request id, else a new one."""
    value = (value or "").strip()
    return value if _VALID_ID.match(value) else new_request_id()


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.request_id = request_id.get() or "-"
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None) or request_id.get() or "-",
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = value if isinstance(value, int | float | bool | None) else str(value)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)
