from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("staff/reports/", views.index, name="index"),
    path("staff/reports/challenges.xlsx", views.challenges_export, name="challenges"),
    path("staff/reports/evaluations.xlsx", views.evaluations_export, name="evaluations"),
    path("staff/reports/contracts.xlsx", views.contracts_export, name="contracts"),
]
