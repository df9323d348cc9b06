import pytest

from ecms.configs import load_configs
from registry.models import Establishment, Governorate


@pytest.fixture
def shipped(db, reference_data):
    """The shipped configs/ loaded into an empty database, as a ministry would start."""
    return load_configs()


@pytest.fixture
def people(make_user, shipped):
    return {
        "grm_bg": make_user("grm_officer", governorates=("IQ-BG",), username="grm_bg"),
        "grm_sensitive_bg": make_user("grm_sensitive", governorates=("IQ-BG",), username="grm_sens_bg"),
        "supervisor_bg": make_user("supervisor", governorates=("IQ-BG",), username="sup_bg", language="en"),
        "labour_bg": make_user("labour_inspector", governorates=("IQ-BG",), username="li_bg"),
        "osh_bg": make_user("osh_inspector", governorates=("IQ-BG",), username="osh_bg"),
    }


@pytest.fixture
def factory(shipped):
    return Establishment.objects.create(
        name="Tigris Textiles",
        governorate=Governorate.objects.get(code="IQ-BG"),
        registration_number="BG-1001",
        workers_total=120,
    )
