"""Request serializers, one module per wire protocol; ``registry.serialize_request`` picks one.

See ``registry`` for the entry point and each protocol module for its rules. Shared pieces:
``operation`` (tokens, host prefix, hints), ``rest_bindings`` (REST HTTP bindings), ``timestamps``,
``uri`` (percent-encoding), ``cbor`` (CBOR writer) and the shape-driven body encoders.
"""
