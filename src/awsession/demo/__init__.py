"""``awsession demo``: the product brief's walk-through, run against an embedded local AWS.

Layout: ``server`` starts and stops moto's server on 127.0.0.1; ``sandbox`` owns the temporary
directory and the environment variables the demo changes (and restores); ``profiles`` writes the
demo's config and credentials files; ``steps`` and ``extras`` are the walk-through itself;
``output`` prints it (masking secrets, colour only on a TTY); ``main`` ties them together and turns
any failure into one line and a non-zero exit.

Nothing here is imported by the rest of the package: it is an example that runs the public API.
"""
