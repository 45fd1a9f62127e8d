"""The number of SQL queries of each request, in a response header the benchmark reads."""

from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connection

HEADER = "X-Bench-Queries"


@dataclass
class QueryCount:
    n: int = 0


@contextmanager
def counting_queries():
    """Counts through an execute wrapper: unlike DEBUG's query log, it costs almost nothing under load."""
    count = QueryCount()

    def counted(execute, sql, params, many, context):
        count.n += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counted):
        yield count


class QueryCountMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with counting_queries() as count:
            response = self.get_response(request)
        response[HEADER] = str(count.n)
        return response
