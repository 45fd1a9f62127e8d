"""JSON bodies: DRF's parser, with a body nested too deep for Python's parser refused (400) like any other
unreadable body, instead of the RecursionError escaping as a server error."""

from rest_framework import exceptions, parsers


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError as exc:
            raise exceptions.ParseError() from exc
