"""Layer 1: AWS's service descriptions, loaded once per process and viewed read-only."""
