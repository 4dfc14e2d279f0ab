"""A database that cannot be reached, for the tests of outages."""

from contextlib import contextmanager

from django.db import OperationalError, connection


@contextmanager
def database_down():
    """Every attempt to use the database fails as it does when the server is unreachable."""

    def refuse():
        raise OperationalError('connection to server at "127.0.0.1", port 5432 failed')

    connection.ensure_connection = refuse
    try:
        yield
    finally:
        del connection.ensure_connection
