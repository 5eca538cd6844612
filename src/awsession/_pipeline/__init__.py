"""Layer 2: one operation call as a pure flow, composed from the Layer 1 rooms."""
