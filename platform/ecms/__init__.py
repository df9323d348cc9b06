"""The ECMS Django project: settings, URLs, background jobs, health and i18n helpers."""
