from tests.cases.conftest import case_config, open_case, staff  # noqa: F401 - shared fixtures
