"""The OpenAPI schema validates, and schemathesis over every operation finds no server error and no
response that breaks the schema (in-process, a bounded number of examples per operation)."""

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from tests.api.conftest import case_config, open_case, staff  # noqa: F401


@pytest.fixture
def api_schema(db, case_config, open_case, staff):  # noqa: F811
    from django.core.cache import cache
    from django.core.signals import request_finished, request_started
    from django.core.wsgi import get_wsgi_application
    from django.db import close_old_connections
    from rest_framework.authtoken.models import Token

    open_case()
    cache.clear()
    token, _created = Token.objects.get_or_create(user=staff["supervisor_bg"])
    # As Django's test client does: keep the test's connection (and transaction) open across requests.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())
        schema.token = token.key  # used by the test below
        yield schema
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def test_schema_is_valid_openapi(client, db):
    from drf_spectacular.validation import validate_schema

    response = client.get("/api/schema/?format=json", headers={"accept": "application/json"})
    assert response.status_code == 200
    import yaml

    document = yaml.safe_load(response.content)
    validate_schema(document)
    operations = [op for path in document["paths"].values() for op in path.values()]
    assert len(operations) >= 20
    for operation in operations:
        assert {"400", "404", "429"} <= set(operation["responses"]), operation["operationId"]
    assert client.get("/api/docs/").status_code == 200


def test_api_has_no_server_error_and_keeps_to_its_schema(api_schema):
    """Each operation, a few generated requests (schemathesis strategies driven by hypothesis directly: its
    pytest plugin does not run under this pytest)."""
    from hypothesis import given

    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 20
    failures = []
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=int(os.environ.get("ECMS_FUZZ_EXAMPLES", "8")),
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def run(case):
            case.call_and_validate(
                headers={"Authorization": f"Token {api_schema.token}"},
                checks=[not_a_server_error, response_schema_conformance],
            )

        try:
            run()
        except Exception as exc:  # noqa: BLE001 - collect every operation's failure, then report
            failures.append(f"{operation.method.upper()} {operation.path}: {str(exc)[:600]}")
    assert failures == []
