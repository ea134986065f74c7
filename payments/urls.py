from django.urls import path

from . import views

app_name = "payments"
urlpatterns = [
    path("payments/", views.receipts, name="receipts"),
    path("payments/receipts/<slug:number>/", views.receipt, name="receipt"),
    path("payments/receipts/<slug:number>/return/", views.checkout_return, name="return"),
    path("payments/receipts/<slug:number>/pay/", views.pay, name="pay"),
    path("payments/services/", views.products, name="products"),
    path("payments/services/<slug:slug>/", views.product, name="product"),
    path("payments/challenges/<int:pk>/deposit/", views.challenge_deposit, name="deposit"),
]
