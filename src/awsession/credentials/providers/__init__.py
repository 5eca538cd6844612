"""One credential provider per module, each named by botocore's ``method`` string.

Every provider follows the contract in :mod:`awsession.credentials.chain`: return credentials,
raise ``CredentialsNotLoaded`` to move on, raise anything else to stop the chain. The order they
are tried in lives in :mod:`awsession.credentials.default_chain`.
"""
