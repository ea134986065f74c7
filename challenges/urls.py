from django.urls import path

from .views import apply, attachment, owner, public, review

app_name = "challenges"
urlpatterns = [
    path("challenges/", public.challenge_list, name="list"),
    path("challenges/new/", owner.challenge_create, name="create"),
    path("challenges/<int:pk>/", public.challenge_detail, name="detail"),
    path("challenges/<int:pk>/edit/", owner.challenge_edit, name="edit"),
    path("challenges/<int:pk>/submit/", owner.challenge_submit, name="submit"),
    path("challenges/<int:pk>/announcement/", public.announcement, name="announcement"),
    path("challenges/<int:pk>/apply/", apply.apply, name="apply"),
    path("challenges/<int:pk>/attachment/", attachment.attachment_download, name="attachment"),
    path("challenges/<int:pk>/pledge/", attachment.accept_pledge, name="pledge"),
    path("challenges/mine/", apply.my_applications, name="mine"),
    path("challenges/applications/<int:pk>/", apply.application_detail, name="application"),
    path(
        "challenges/applications/<int:pk>/proposal.pdf",
        apply.proposal_pdf,
        name="proposal_pdf",
    ),
    path("challenges/applications/<int:pk>/edit/", apply.application_edit, name="application_edit"),
    path(
        "challenges/applications/<int:pk>/withdraw/",
        apply.application_withdraw,
        name="application_withdraw",
    ),
    path("challenges/review/", review.review_home, name="review"),
    path("challenges/review/<int:pk>/", review.assignment_detail, name="assignment"),
    path(
        "challenges/review/<int:pk>/applications/<int:application_pk>/",
        review.score,
        name="score",
    ),
    path("challenges/milestones/<int:pk>/deliver/", owner.milestone_deliver, name="deliver"),
    path("challenges/milestones/<int:pk>/accept/", owner.milestone_accept, name="accept"),
]
