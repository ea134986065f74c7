from django.urls import path

from .views import expert, owner

app_name = "evaluation"
urlpatterns = [
    path("evaluation/", owner.home, name="home"),
    path("evaluation/verify/", owner.verify, name="verify"),
    path("evaluation/request/<int:achievement_pk>/", owner.request_form, name="request"),
    path("evaluation/<int:pk>/", owner.detail, name="detail"),
    path("evaluation/<int:pk>/consent/", owner.consent, name="consent"),
    path("evaluation/<int:pk>/pay/", owner.pay, name="pay"),
    path("evaluation/<int:pk>/cancel/", owner.cancel, name="cancel"),
    path("evaluation/<int:pk>/badge/", owner.badge, name="badge"),
    path("evaluation/<int:pk>/report.pdf", owner.report_pdf, name="report_pdf"),
    path("evaluation/<int:pk>/discussion/", expert.discuss, name="discuss"),
    path("evaluation/public/<int:pk>/", owner.public_report, name="public"),
    path("evaluation/reviews/", expert.reviews, name="reviews"),
    path("evaluation/reviews/<int:pk>/", expert.assignment, name="assignment"),
]
