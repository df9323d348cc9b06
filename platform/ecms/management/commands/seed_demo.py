from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from accounts.services import demo_password, demo_staff_specs, demo_users_create
from content.services import portal_pages_setup, site_setup
from core.configs import read_yaml
from registry.services import establishments_load


class Command(BaseCommand):
    help = "Load reference data and configs/, set up the portal, and (outside production) the demo users."

    def add_arguments(self, parser):
        parser.add_argument(
            "--cases", type=int, default=1000, help="How many demo cases to open (first run)."
        )
        parser.add_argument("--no-cases", action="store_true", help="Do not open demo cases.")

    def handle(self, *args, **options):
        call_command("load_reference_data", stdout=self.stdout)
        call_command("load_configs", stdout=self.stdout)
        site_setup()
        pages = portal_pages_setup()
        self.stdout.write(f"Portal site ready ({pages} new page(s) in Arabic and English).")
        if not getattr(settings, "ECMS_CREATE_DEMO_USERS", False):
            self.stdout.write("Production settings: no demo users created.")
            return
        spec = read_yaml(Path(settings.BASE_DIR) / "fixtures" / "demo_users.yaml")
        password = demo_password()
        staff = spec.get("governorate_staff") or {}
        users = spec["users"] + demo_staff_specs(
            governorates=staff.get("governorates", []), roles=staff.get("roles", [])
        )
        names = demo_users_create(users=users, password=password)
        self.stdout.write(self.style.SUCCESS(f"Demo users ({len(names)}): {', '.join(names[:14])}, ..."))
        fixtures = Path(settings.BASE_DIR) / "fixtures"
        count = establishments_load(path=fixtures / "demo_establishments.yaml")
        self.stdout.write(f"Demo establishments: {count}")
        if not options["no_cases"]:
            from ecms.demo import demo_cases_create  # needs time-machine, a development requirement only

            self.stdout.write(f"Opening {options['cases']} demo cases (first run only; a few minutes)...")
            created = demo_cases_create(
                count=options["cases"], progress=lambda done, total: self.stdout.write(f"  {done}/{total}")
            )
            self.stdout.write(f"Demo cases opened: {created}")
        self.stdout.write(self.style.WARNING(f"Demo password for all of them: {password}"))
