"""Python names for AWS names: ``PutObject`` -> ``put_object``, and boto3's client class names.

Rules (botocore's, reproduced exactly because method and argument names are the public API):

1. A name that already contains the separator is returned unchanged.
2. A few names the rules below mangle are fixed by a table (``CreateCachediSCSIVolume``...).
3. A trailing pluralised acronym (``...ARNs``, ``...ACLs``) is split off and lowered first.
4. A separator goes before every capital that starts a lower-case run (``XMLHttp`` -> ``XML_Http``),
   then between a lower-case letter or digit and a following capital; the result is lower-cased.
   botocore does this with two substitutions; one pass that inserts at the union of both kinds of
   position gives the same string (a position the first pass skips because its left neighbour
   was consumed by a previous match always has a lower-case left neighbour, so the second kind
   covers it) and costs a third as much: EC2 has 765 operations to name per fresh process.

Results are cached per ``(name, sep)`` for the life of the process.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from awsession.model.shapes import ServiceModel

__all__ = ["client_class_name", "xform_name"]

# Rule 4's two kinds of position: before a capital that starts a lower-case run (not at the
# start), and between a lower-case letter or digit and a capital.
_BOUNDARY = re.compile(r"(?<=.)(?=[A-Z][a-z])|(?<=[a-z0-9])(?=[A-Z])")
_PLURAL_ACRONYM = re.compile(r"[A-Z]{2,}s$")

# Names whose regular transformation is wrong; botocore fixes these for "_" and "-" only.
_FIXED = {
    "CreateCachediSCSIVolume": "create_cached_iscsi_volume",
    "DescribeCachediSCSIVolumes": "describe_cached_iscsi_volumes",
    "DescribeStorediSCSIVolumes": "describe_stored_iscsi_volumes",
    "CreateStorediSCSIVolume": "create_stored_iscsi_volume",
    "ListHITsForQualificationType": "list_hits_for_qualification_type",
    "ExecutePartiQLStatement": "execute_partiql_statement",
    "ExecutePartiQLTransaction": "execute_partiql_transaction",
    "ExecutePartiQLBatch": "execute_partiql_batch",
    "AssociateWhatsAppBusinessAccount": "associate_whatsapp_business_account",
    "CreateWhatsAppMessageTemplate": "create_whatsapp_message_template",
    "CreateWhatsAppMessageTemplateFromLibrary": "create_whatsapp_message_template_from_library",
    "CreateWhatsAppMessageTemplateMedia": "create_whatsapp_message_template_media",
    "DeleteWhatsAppMessageMedia": "delete_whatsapp_message_media",
    "DeleteWhatsAppMessageTemplate": "delete_whatsapp_message_template",
    "DisassociateWhatsAppBusinessAccount": "disassociate_whatsapp_business_account",
    "GetLinkedWhatsAppBusinessAccount": "get_linked_whatsapp_business_account",
    "GetLinkedWhatsAppBusinessAccountPhoneNumber": "get_linked_whatsapp_business_account_phone_number",
    "GetOTelEnrichment": "get_otel_enrichment",
    "GetWhatsAppMessageMedia": "get_whatsapp_message_media",
    "GetWhatsAppMessageTemplate": "get_whatsapp_message_template",
    "ListLinkedWhatsAppBusinessAccounts": "list_linked_whatsapp_business_accounts",
    "ListWhatsAppMessageTemplates": "list_whatsapp_message_templates",
    "ListWhatsAppTemplateLibrary": "list_whatsapp_template_library",
    "PostWhatsAppMessageMedia": "post_whatsapp_message_media",
    "PutWhatsAppBusinessAccountEventDestinations": "put_whatsapp_business_account_event_destinations",
    "SendWhatsAppMessage": "send_whatsapp_message",
    "StartOTelEnrichment": "start_otel_enrichment",
    "StopOTelEnrichment": "stop_otel_enrichment",
    "UpdateWhatsAppMessageTemplate": "update_whatsapp_message_template",
}

_cache: dict[tuple[str, str], str] = {}


def _transform(name: str, sep: str) -> str:
    if sep in ("_", "-"):
        fixed = _FIXED.get(name)
        if fixed is not None:
            return fixed.replace("_", sep)
    plural = _PLURAL_ACRONYM.search(name)
    if plural is not None:
        acronym = plural.group()
        name = f"{name[: -len(acronym)]}{sep}{acronym.lower()}"
    return _BOUNDARY.sub(sep.replace("\\", "\\\\"), name).lower()


def xform_name(name: str, sep: str = "_") -> str:
    """``name`` in snake case (``sep``-separated), exactly as botocore's ``xform_name``."""
    if sep in name:
        return name
    key = (name, sep)
    result = _cache.get(key)
    if result is None:
        result = _cache[key] = _transform(name, sep)
    return result


_NON_WORD = re.compile(r"\W+")


def client_class_name(service: ServiceModel | str) -> str:
    """boto3's client class name (``S3``, ``EC2``, ``DynamoDB``, ``Lambda``).

    Given a model, the name comes from ``serviceAbbreviation``, else ``serviceFullName``, else the
    service name, with ``Amazon``/``AWS`` and non-word characters removed -- as botocore names
    the class. Given a string (a service id or full name), the same cleaning is applied to it.
    """
    if isinstance(service, str):
        source = service
    else:
        meta = service.metadata
        source = meta.get("serviceAbbreviation", meta.get("serviceFullName", service.service_name))
    return _NON_WORD.sub("", source.replace("Amazon", "").replace("AWS", ""))
