"""Wire protocols: ``serializers/`` turn parameters into requests, ``parsers/`` turn responses into dicts."""
