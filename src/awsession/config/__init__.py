"""Configuration: the shared config files, the settings table, resolution with provenance, and
the boto3-compatible ``Config`` object (``from awsession.config import Config`` works as
``from botocore.config import Config`` did).

Layout: ``inifile`` parses file text; ``files`` finds, caches and maps the files to profiles;
``fields`` declares every setting once; ``checks`` holds converters and validators;
``defaults_mode`` reads ``sdk-default-configuration.json``; ``resolve`` looks values up in order
(explicit > env > profile > defaults mode > default); ``client_config`` is ``Config``.
"""

from __future__ import annotations

from awsession.config.client_config import UNSIGNED, Config
from awsession.config.fields import FIELDS
from awsession.config.files import ConfigFiles
from awsession.config.resolve import ConfigResolver, Resolved

__all__ = ["FIELDS", "UNSIGNED", "Config", "ConfigFiles", "ConfigResolver", "Resolved"]
