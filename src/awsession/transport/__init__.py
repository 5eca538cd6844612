"""Layer 3: the I/O edge. Transports implement ``send(HttpRequest) -> HttpResponse``."""
