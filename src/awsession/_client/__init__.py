"""Layer 3: clients — the drivers that run pure flows, and the client classes built from models."""
