"""Layer 0: plain values shared by every room (HTTP heads, effects, the injected Environment).

Nothing here imports anything but the standard library.
"""
