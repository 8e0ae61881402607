"""The one error users see: bad input, named by file, record and field."""
from __future__ import annotations


class PlannerError(Exception):
    """Bad input. The CLI prints `str(err)` alone and exits with 2."""

    def __init__(self, message: str, *, file: str | None = None,
                 record: int | None = None, title: str | None = None,
                 field: str | None = None, line: int | None = None,
                 collection: str = "records"):
        self.message = message
        self.file = file
        self.collection = collection
        self.record = record
        self.title = title
        self.field = field
        self.line = line
        super().__init__(self.render())

    def render(self) -> str:
        where = []
        if self.file:
            where.append(self.file + (f", line {self.line}" if self.line else ""))
        if self.record is not None:
            where.append(f"{self.collection}[{self.record}]" + (f" ({self.title})" if self.title else ""))
        if self.field:
            where.append(f"field '{self.field}'")
        prefix = ": ".join(where)
        return f"{prefix}: {self.message}" if prefix else self.message

    def located(self, **where) -> "PlannerError":
        """The same error with more of its place filled in (never overwritten)."""
        merged = {k: getattr(self, k) for k in ("file", "record", "title", "field", "line", "collection")}
        for key, value in where.items():
            if merged.get(key) is None:
                merged[key] = value
        return PlannerError(self.message, **merged)


class FieldError(ValueError):
    """A check inside a model that knows which field it is about."""

    def __init__(self, field: str, message: str):
        self.field = field
        super().__init__(message)
