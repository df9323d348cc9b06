from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from accounts.services import demo_password, demo_users_create
from content.services import site_setup
from ecms.configs import read_yaml


class Command(BaseCommand):
    help = "Load reference data and configs/, set up the portal, and (outside production) the demo users."

    def handle(self, *args, **options):
        call_command("load_reference_data", stdout=self.stdout)
        call_command("load_configs", stdout=self.stdout)
        site_setup()
        self.stdout.write("Portal site and home pages ready.")
        if not getattr(settings, "ECMS_CREATE_DEMO_USERS", False):
            self.stdout.write("Production settings: no demo users created.")
            return
        spec = read_yaml(Path(settings.BASE_DIR) / "fixtures" / "demo_users.yaml")
        password = demo_password()
        names = demo_users_create(users=spec["users"], password=password)
        self.stdout.write(self.style.SUCCESS(f"Demo users ({len(names)}): {', '.join(names)}"))
        self.stdout.write(self.style.WARNING(f"Demo password for all of them: {password}"))
