"""Writes shared by the services and the workflow actions, without the checks of who acts (the services
make those): entering a state, creating a case, storing files, assigning, recording violations.

The actions depend on these, never on the services that run them.
"""
