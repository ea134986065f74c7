from django.urls import path

from .consumers import RoomConsumer

websocket_urlpatterns = [
    path("ws/engagements/<int:engagement_id>/room/", RoomConsumer.as_asgi()),
]
