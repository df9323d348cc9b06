"""The staff case screens in the Wagtail admin, one ViewSet (``viewset.case_screens``): queues, the case
page, its actions, workflow steps, staff intake and printable documents; and the configuration forms.

Views only collect input and show results: every read goes through ``cases.selectors`` (scoped by role
and governorate), every change through ``cases.services``, every "may they?" through
``cases.permissions``.
"""
