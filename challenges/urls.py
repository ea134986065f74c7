from django.urls import path

from .views import apply, attachment, mechanisms, owner, public, review

app_name = "challenges"
urlpatterns = [
    path("challenges/", public.challenge_list, name="list"),
    path("challenges/new/", owner.challenge_create, name="create"),
    path("challenges/from-need/<int:need_pk>/", owner.promote_need, name="promote_need"),
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
    # 组阁制
    path("challenges/<int:pk>/cabinet/", mechanisms.cabinet, name="cabinet"),
    path(
        "challenges/<int:pk>/cabinet/nominate/",
        mechanisms.cabinet_nominate,
        name="cabinet_nominate",
    ),
    path(
        "challenges/cabinet/<int:pk>/respond/", mechanisms.cabinet_respond, name="cabinet_respond"
    ),
    path("challenges/cabinet/<int:pk>/team/", mechanisms.cabinet_team, name="cabinet_team"),
    path("challenges/cabinet/<int:pk>/change/", mechanisms.cabinet_change, name="cabinet_change"),
    # 赛马制 stage gate
    path("challenges/<int:pk>/stage-gate/", mechanisms.stage_gate, name="stage_gate"),
    path(
        "challenges/<int:pk>/stage-gate/decide/",
        mechanisms.stage_gate_decide,
        name="stage_gate_decide",
    ),
    path(
        "challenges/milestones/<int:pk>/result/",
        mechanisms.stage_result_submit,
        name="stage_result",
    ),
    path(
        "challenges/stage-results/<int:pk>/file/",
        mechanisms.stage_result_file,
        name="stage_result_file",
    ),
    path(
        "challenges/review/<int:pk>/stage-gate/<int:application_pk>/",
        mechanisms.stage_gate_score,
        name="stage_gate_score",
    ),
]
