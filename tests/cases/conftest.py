from pathlib import Path

import pytest

from cases.models import CaseType
from cases.services import case_open
from core.configs import load_configs
from tests.factories import INTAKE

CONFIGS = Path(__file__).parent / "configs"


@pytest.fixture
def case_config(db, roles, reference_data, provision):
    return load_configs(config_dir=CONFIGS)


@pytest.fixture
def staff(make_user, case_config):
    return {
        "supervisor_bg": make_user("supervisor", governorates=("IQ-BG",), username="sup_bg", language="en"),
        "inspector_bg": make_user(
            "labour_inspector", governorates=("IQ-BG",), username="insp_bg", language="ar"
        ),
        "inspector_bg_busy": make_user("labour_inspector", governorates=("IQ-BG",), username="insp_bg_busy"),
        "inspector_ba": make_user("labour_inspector", governorates=("IQ-BA",), username="insp_ba"),
        "grm_bg": make_user("grm_officer", governorates=("IQ-BG",), username="grm_bg"),
        "analyst": make_user("analyst", username="analyst_national"),
    }


@pytest.fixture
def open_case(case_config):
    def _open(**overrides):
        data = {**INTAKE, **overrides}
        return case_open(case_type=CaseType.objects.get(key="test_case"), data=data, files={}, language="ar")

    return _open
