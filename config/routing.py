# WebSocket routes; the negotiation rooms (marketplace) add theirs here.
websocket_urlpatterns: list = []
