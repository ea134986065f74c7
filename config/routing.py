# WebSocket routes; the negotiation rooms (brokerage) add theirs here.
from brokerage.routing import websocket_urlpatterns as brokerage_ws

websocket_urlpatterns: list = [*brokerage_ws]
