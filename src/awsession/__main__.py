"""``python -m awsession``: the same command line as the ``awsession`` script."""

from __future__ import annotations

from awsession.cli.main import main

raise SystemExit(main())
