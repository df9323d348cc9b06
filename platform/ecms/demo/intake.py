"""The answers the demo's reporters and planners give: complaints, accident reports, inspection plans and
the inspectors' checklists."""

from datetime import datetime, timedelta

from ecms.demo.data import (
    ACCIDENTS,
    COMPLAINTS,
    DEFAULT_DEVIATIONS,
    DEFAULT_DISEASES,
    DEFAULT_SEVERITY,
    FIRST_NAMES,
    LAST_NAMES,
    SECTOR_DEVIATIONS,
    SECTOR_DISEASES,
    SECTOR_OCCUPATIONS,
    SECTOR_SEVERITY,
)
from forms_builder.selectors import form_version_current


class IntakeData:
    """Mixed into the demo builder (which gives ``rng``)."""

    def _choice(self, form_key: str, field: str, *, leaves_only: bool = True) -> str:
        spec = form_version_current(key=form_key).spec.field(field)
        options = [o for o in spec.options if not o.retired]
        parents = {o.parent for o in options if o.parent}
        codes = [o.code for o in options if not (leaves_only and o.code in parents)]
        return self.rng.choice(codes)

    def _weighted(self, weights: dict[str, int]) -> str:
        return self.rng.choices(list(weights), list(weights.values()))[0]

    def _person(self) -> str:
        return f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"

    def _phone(self) -> str:
        return f"07{self.rng.choice('789')}{self.rng.randint(10000000, 99999999)}"

    def grievance_data(self, establishment) -> dict:
        category = self._choice("grievance_intake", "category")
        head = category.split("_")[0]
        text = COMPLAINTS.get(head) or COMPLAINTS.get(category.rsplit("_", 1)[0]) or COMPLAINTS["other"]
        anonymous = self.rng.random() < 0.3
        data = {
            "anonymous": anonymous,
            "phone": self._phone(),
            "complainant_role": self.rng.choice(["worker"] * 6 + ["citizen", "organisation", "employer"]),
            "governorate": establishment.governorate.code,
            "employer": {"id": establishment.pk},
            "category": category,
            "description": text,
        }
        if not anonymous:
            data["full_name"] = self._person()
        return data

    def _injured_person(self, section: str, accident, severity: str) -> dict:
        person = {
            "age": self.rng.randint(17, 62),
            "sex": self.rng.choices(["male", "female"], [9, 1] if section not in "PQ" else [5, 5])[0],
            "nationality": self.rng.choices(["iraqi", "asian", "arab_other"], [8, 1, 1])[0],
            "occupation": self.rng.choice(SECTOR_OCCUPATIONS.get(section, ("isco_9",))),
            "employment_status": self._choice("incident_report", "employment_status"),
            "injury_severity": severity,
            "nature_of_injury": self.rng.choice(accident.natures),
            "part_of_body": self.rng.choice(accident.body_parts),
        }
        if severity != "fatal":
            person["days_lost"] = self.rng.randint(4, 90) if severity == "serious" else self.rng.randint(0, 3)
        return person

    def incident_data(self, establishment, when: datetime) -> dict:
        """An accident that fits the workplace: its sector weighs the deviation and the severity; the
        deviation gives the story, how people were hurt and their injuries."""
        section = establishment.activity.code if establishment.activity_id else ""
        deviation = self._weighted(SECTOR_DEVIATIONS.get(section, DEFAULT_DEVIATIONS))
        accident = ACCIDENTS[deviation]
        severity = self.rng.choices(
            ["fatal", "serious", "minor"], SECTOR_SEVERITY.get(section, DEFAULT_SEVERITY)
        )[0]
        injured = [
            self._injured_person(
                section, accident, severity if index == 0 else self.rng.choice(["serious", "minor"])
            )
            for index in range(self.rng.choice([1, 1, 1, 1, 2, 3]))
        ]
        return {
            "reporter_type": self.rng.choices(
                ["employer", "worker", "medical_facility", "inspector"], [5, 2, 2, 1]
            )[0],
            "reporter_name": self._person(),
            "reporter_phone": self._phone(),
            "employer": {"id": establishment.pk},
            "governorate": establishment.governorate.code,
            "incident_datetime": (when - timedelta(hours=self.rng.randint(2, 48))).isoformat(),
            "place": self.rng.choice(accident.places),
            "description": self.rng.choice(accident.stories),
            "severity": severity,
            "injured": injured,
            "deviation": deviation,
            "contact_mode": self.rng.choice(accident.contacts),
            "immediate_measures": accident.measures,
        }

    def disease_data(self, establishment, when: datetime) -> dict:
        """An occupational disease report fitting the sector (disease and exposure), mostly by physicians."""
        section = establishment.activity.code if establishment.activity_id else ""
        disease, exposure = self.rng.choice(SECTOR_DISEASES.get(section, DEFAULT_DISEASES))
        return {
            "reporter_type": self.rng.choices(["physician", "employer", "worker"], [6, 2, 2])[0],
            "reporter_name": self._person(),
            "reporter_phone": self._phone(),
            "worker_name": self._person(),
            "sex": self.rng.choices(["male", "female"], [8, 2])[0],
            "age": self.rng.randint(24, 60),
            "occupation": self.rng.choice(SECTOR_OCCUPATIONS.get(section, ("isco_9",))),
            "employer": {"id": establishment.pk},
            "governorate": establishment.governorate.code,
            "disease": disease,
            "diagnosis_date": (when - timedelta(days=self.rng.randint(3, 40))).date().isoformat(),
            "exposure_agent": exposure,
            "exposure_years": self.rng.randint(2, 25),
            "exposure_description": f"يعمل المصاب منذ سنوات مع التعرض إلى: {exposure}، دون وقاية كافية.",
        }

    def plan_data(self, establishment, when: datetime) -> dict:
        return {
            "establishment": {"id": establishment.pk},
            "governorate": establishment.governorate.code,
            "origin": self.rng.choice(["planned"] * 4 + ["request"]),
            "planned_date": (when + timedelta(days=self.rng.randint(3, 20))).date().isoformat(),
        }

    def checklist(self, form_key: str, *, risk: float = 0.12) -> dict:
        """A visit's checklist: each item non-compliant with probability ``risk`` (higher at workplaces
        with a history), not applicable sometimes, compliant otherwise."""
        version = form_version_current(key=form_key)
        answers = {}
        for key in version.spec.top_level_keys:
            item = version.spec.field(key)
            if not item.has_findings:
                continue
            roll = self.rng.random()
            if roll < risk and item.param("evidence") != "required_if_non_compliant":
                answers[key] = item.field_type.answer("non_compliant", "لوحظت المخالفة أثناء الزيارة")
            elif roll < risk + 0.08 and item.param("allow_not_applicable"):
                answers[key] = item.field_type.answer("not_applicable")
            else:
                answers[key] = item.field_type.answer("compliant")
        return answers
