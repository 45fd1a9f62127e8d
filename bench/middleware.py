"""The number of SQL queries of each request, in a response header the benchmark reads."""

from django.db import connection

HEADER = "X-Bench-Queries"


class QueryCountMiddleware:
    """Counts through an execute wrapper: unlike DEBUG's query log, it costs almost nothing under load."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = 0

        def counted(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counted):
            response = self.get_response(request)
        response[HEADER] = str(count)
        return response
