"""Layer 1: AWS's service descriptions, loaded once per process and viewed read-only.

Modules (import the one you need; this package imports nothing, to keep start-up light):

* ``loader``     -- ``DataLoader``: finds and parses data files under the search path, with a memo.
* ``services``   -- ``load_service_model``, ``load_paginators``/``waiters``/``endpoint_ruleset``/
  ``resource_model``, ``load_partitions``, listings; botocore's errors and sdk-extras merging.
* ``shapes``     -- ``ServiceModel`` / ``OperationModel`` views over the raw JSON.
* ``names``      -- ``xform_name`` (botocore-exact) and boto3's client class names.
* ``validate``   -- ``validate_params``: boto3's parameter validation, compiled per shape.
* ``timestamps`` -- user timestamp input -> aware UTC datetime.
* ``docs``       -- ``operation_docstring`` for client methods' ``help()``.
"""
