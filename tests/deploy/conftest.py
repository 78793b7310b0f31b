import pytest

from tests.deploy.stack import Stack


@pytest.fixture(scope="session")
def stack(tmp_path_factory):
    """Two gunicorn nodes behind nginx, started once for the session and torn down."""
    stack = Stack(tmp_path_factory.mktemp("stack"))
    try:
        stack.start()
        yield stack
    finally:
        stack.stop()
