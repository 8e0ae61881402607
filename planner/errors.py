"""The one error users see: bad input, named by file, record and field."""
from __future__ import annotations


class PlannerError(Exception):
    """Bad input. The command line prints `err.render(lang)` alone and exits with 2.

    `message` is a catalogue Phrase (planner.i18n.t) so the words follow the
    user's language; the place (file, line, record, field) is worded by the
    catalogue's `where` section in the same language. Records are numbered
    from 1 for people (the JSON `index` stays 0-based). `str(err)` is the
    English form, for logs and tests of the library.
    """

    def __init__(self, message, *, file: str | None = None,
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
        super().__init__(self.render("en"))

    def render(self, lang: str | None = None) -> str:
        from .i18n import current_lang, messages, words
        lang = lang or current_lang()
        w = messages(lang)["where"]
        where = []
        if self.file:
            shown = words(self.file, lang)
            where.append(w["line"].format(file=shown, line=self.line) if self.line else shown)
        if self.record is not None:
            place = w["collections"].get(self.collection, w["collections"]["records"]).format(number=self.record + 1)
            where.append(w["titled"].format(where=place, title=self.title) if self.title else place)
        if self.field:
            where.append(w["field"].format(field=self.field))
        message = words(self.message, lang)
        return w["lead"].format(where=w["join"].join(where), message=message) if where else message

    def __str__(self) -> str:
        return self.render("en")

    def located(self, **where) -> "PlannerError":
        """The same error with more of its place filled in (never overwritten)."""
        merged = {k: getattr(self, k) for k in ("file", "record", "title", "field", "line", "collection")}
        for key, value in where.items():
            if merged.get(key) is None:
                merged[key] = value
        return PlannerError(self.message, **merged)


class FieldError(ValueError):
    """A check inside a model that knows which field it is about (message: a Phrase)."""

    def __init__(self, field: str, message):
        self.field = field
        self.phrase = message
        super().__init__(str(message) if not hasattr(message, "render") else message.render("en"))
