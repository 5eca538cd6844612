"""Layer 1: retry decisions. Policies return delays; drivers sleep. Nothing here sleeps."""
