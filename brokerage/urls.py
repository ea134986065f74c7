from django.urls import path

from .views import contracts, dashboard, engagements, room

app_name = "brokerage"
urlpatterns = [
    path("broker/", dashboard.broker_dashboard, name="dashboard"),
    path("broker/inquiries/", dashboard.inquiries, name="inquiries"),
    path("broker/inquiries/<int:inquiry_id>/claim/", dashboard.claim, name="claim"),
    path("engagements/", dashboard.my_engagements, name="mine"),
    path("engagements/<int:pk>/", engagements.engagement_detail, name="engagement"),
    path("engagements/<int:pk>/stage/", engagements.change_stage, name="stage"),
    path("engagements/<int:pk>/notes/", engagements.add_note, name="note"),
    path("engagements/<int:pk>/tasks/", engagements.add_task, name="task"),
    path(
        "engagements/<int:pk>/tasks/<int:task_id>/done/",
        engagements.complete_task,
        name="task_done",
    ),
    path("engagements/<int:pk>/meetings/", engagements.add_meeting, name="meeting"),
    path("engagements/<int:pk>/documents/", engagements.upload_document, name="document"),
    path(
        "engagements/<int:pk>/documents/<int:document_id>/",
        engagements.download_document,
        name="document_download",
    ),
    path("engagements/<int:pk>/commission/", engagements.set_commission, name="commission"),
    path("engagements/<int:pk>/consent/", engagements.consent, name="consent"),
    path("engagements/<int:pk>/parties/", engagements.add_party, name="add_party"),
    path("engagements/<int:pk>/contract/", contracts.contract_form, name="contract"),
    path("engagements/<int:pk>/contract/register/", contracts.register, name="register"),
    path("engagements/<int:pk>/contract.pdf", contracts.contract_pdf, name="contract_pdf"),
    path("engagements/<int:pk>/room/", room.room, name="room"),
    path("engagements/<int:pk>/room/files/", room.upload_room_file, name="room_upload"),
    path("engagements/<int:pk>/room/broker-offers/", room.broker_offers, name="room_broker_offers"),
    path(
        "engagements/<int:pk>/room/files/<int:file_id>/",
        room.download_room_file,
        name="room_file",
    ),
]
