"""The ``awsession`` command line: configure, profiles, whoami, local (see docs/cli.md).

Entry point: :func:`awsession.cli.main.main`. Modules import nothing heavy at import time.
"""
