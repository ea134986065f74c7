"""Demo evaluations for `manage.py load_demo` (idempotent): one finished report with its badge
published, one panel still scoring. Runs after the accounts, marketplace and challenges demos,
which create the achievements and the three experts."""

from decimal import Decimal

from django.db import transaction

from accounts.models import User
from marketplace.models import Achievement

from . import services
from .models import EvaluationRequest, Status

EXPERTS = ["expert.sun@demo.linyi", "expert.han@demo.linyi", "expert.gao@demo.linyi"]
STAFF = "admin@demo.linyi"
OWNER = "prof.wang@demo.linyi"

# Per expert: dimension scores; indicators vary around them by their position.
FINISHED_SCORES = [
    {"science": 78, "technology": 86, "economy": 82, "society": 88, "culture": 70},
    {"science": 75, "technology": 84, "economy": 80, "society": 85, "culture": 68},
    {"science": 80, "technology": 88, "economy": 79, "society": 86, "culture": 72},
]
ONGOING_SCORES = {"science": 72, "technology": 80, "economy": 74, "society": 78, "culture": 66}
OFFSETS = [2, -2, 1, -1]

# Evidence per indicator, in the words of each achievement's own materials.
GLUE_EVIDENCE = {
    "原创性": "以脱脂豆粕碱解改性结合环氧交联，区别于常见的豆粕-PAE体系，查新报告未见相同工艺。",
    "学术影响": "团队近三年在《林产工业》《中国胶粘剂》发表相关论文5篇，获省林业科技进步二等奖。",
    "学科推动": "对植物蛋白胶黏剂耐水机理有一定推进，但以工艺改进为主。",
    "技术创新性": "适用期6小时以上、可直接用现有调胶与热压设备，优于同类大豆胶2–3小时的适用期。",
    "技术成熟度（TRL）": "已在两条多层板生产线完成中试，具备小批量生产条件，评定为TRL 6–7级。",
    "模仿壁垒": "改性温度与交联剂配比为关键诀窍，未公开部分形成一定壁垒。",
    "知识产权强度": "发明专利ZL202310456781.4已授权，权利要求覆盖制备方法，外围专利布局尚少。",
    "市场规模": "临沂胶合板与多层板年产量超过3000万立方米，无醛板材需求增长明显。",
    "成本优势": "每立方米较脲醛胶增加约60元，可通过无醛板溢价消化，但对低端产品压力较大。",
    "预期收益": "按年产10万立方米估算，无醛板溢价带来的新增毛利约800万元。",
    "价格合理性": "报价80万元（许可）与同类胶黏剂专利许可成交价相当。",
    "环境与资源效益": "消除甲醛释放，板材可达ENF级；原料为豆粕副产物，资源利用好。",
    "民生与公共安全": "改善室内空气质量，惠及家居消费者健康。",
    "产业带动": "可带动兰山、费县板材企业产品升级，配套大豆深加工。",
    "科学普及与创新文化": "可作为绿色家居科普案例，展示度一般。",
    "传统工艺传承": "与传统板材工艺结合，文化价值不突出。",
    "人才培养": "依托项目培养硕士研究生6名、企业技术骨干十余名。",
}
COATING_EVIDENCE = {
    "原创性": "将常压等离子体在线活化用于木塑挤出线末端，区别于常用的火焰处理和底涂工艺。",
    "学术影响": "团队发表木塑表面改性相关论文3篇，尚未形成系统的理论成果。",
    "学科推动": "对木塑表面能与漆膜附着机理的关系有一定积累，以工艺应用为主。",
    "技术创新性": "表面能由28mN/m提高到52mN/m，附着力由3级提升到0级，无需底涂。",
    "技术成熟度（TRL）": "已在一条木塑地板挤出线上小批量试产，评定为TRL 6级。",
    "模仿壁垒": "宽幅喷头结构与处理参数窗口为关键诀窍，设备可被仿制，壁垒中等。",
    "知识产权强度": "实用新型专利ZL202220987654.8已授权，保护范围限于喷头结构，方法未获专利保护。",
    "市场规模": "临沂及周边木塑地板、墙板企业三十余家，涂装和覆膜返工问题普遍。",
    "成本优势": "每平方米处理电耗约0.02千瓦时，较底涂工艺节省材料费约40%。",
    "预期收益": "按一条线年产200万平方米估算，减少返工和底涂可节省成本约150万元。",
    "价格合理性": "报价35万元（转让或许可）与同类表面处理设备技术成交价相当。",
    "环境与资源效益": "省去含溶剂底涂，减少VOCs排放；降低返工带来的材料浪费。",
    "民生与公共安全": "产品用于户外地板和护墙，漆膜起皮减少，使用安全性提高。",
    "产业带动": "可带动临沂木塑企业产品升级，向高端户外材料市场延伸。",
    "科学普及与创新文化": "可作为传统材料绿色升级的科普案例，展示度一般。",
    "传统工艺传承": "与传统木作工艺关联不大，文化价值不突出。",
    "人才培养": "依托项目培养硕士研究生2名、企业设备操作骨干5名。",
}
COMMENTS = [
    "该成果工艺路线清晰，中试数据完整，胶合强度与适用期指标具有竞争力，建议以许可方式在本地板材企业转化，并补充耐候性长期数据。",
    "技术成熟度较高，知识产权权属清晰；成本增加对低端产品有一定压力，建议与无醛板认证和品牌溢价结合推广。",
    "环境效益突出，符合临沂木业绿色转型方向；建议完善外围专利布局，提高模仿壁垒。",
]
SUMMARY = (
    "该成果属成果转化类。专家组认为：技术创新性与成熟度较高（中试验证，TRL 6–7级），"
    "环境与产业带动效益突出，经济价值良好，价格合理。综合评价为良好以上，"
    "建议以普通许可方式在临沂板材企业推广转化。"
)


def load(stdout=None) -> None:
    users = {u.email: u for u in User.objects.filter(email__in=[*EXPERTS, STAFF, OWNER])}
    experts = [users.get(email) for email in EXPERTS]
    staff, owner = users.get(STAFF), users.get(OWNER)
    finished = Achievement.objects.filter(external_id="DEMO-A01").first()
    ongoing = Achievement.objects.filter(external_id="DEMO-A02").first()
    if None in (*experts, staff, owner) or finished is None or ongoing is None:
        return
    with transaction.atomic():
        made = 0
        if not EvaluationRequest.objects.filter(achievement=finished).exists():
            _finished(finished, owner, staff, experts)
            made += 1
        if not EvaluationRequest.objects.filter(achievement=ongoing).exists():
            _ongoing(ongoing, owner, staff, experts)
            made += 1
    if stdout:
        stdout.write(f"Demo evaluations: {made} created (one published report, one scoring)")


def _scores(evaluation, dims: dict[str, int], evidence: dict[str, str]) -> dict:
    position: dict[str, int] = {}
    scores = {}
    for spec in evaluation.scheme["indicators"]:
        i = position.get(spec["dimension"], 0)
        position[spec["dimension"]] = i + 1
        value = Decimal(dims[spec["dimension"]] + OFFSETS[i % len(OFFSETS)])
        text = evidence.get(spec["name"], "依据成果材料、检测报告和现场考察情况评定。")
        scores[spec["id"]] = (value, text)
    return scores


def _panel(evaluation, staff, experts):
    services.waive_fee(
        evaluation=evaluation, by=staff, reason="2026年度临沂市科技成果评价试点，中心资助"
    )
    assignments = [
        services.assign_expert(evaluation=evaluation, expert=expert, by=staff) for expert in experts
    ]
    services.start_scoring(evaluation=evaluation, by=staff)
    for assignment in assignments:
        services.declare_conflict(
            assignment=assignment,
            by=assignment.expert,
            has_conflict=False,
            statement="本人与该成果的完成单位、发明人无合作、任职或亲属关系。",
        )
    evaluation.refresh_from_db()
    return assignments


def _finished(achievement, owner, staff, experts) -> None:
    evaluation = services.request_evaluation(
        achievement=achievement, by=owner, category="transfer", purpose="技术许可定价参考"
    )
    assignments = _panel(evaluation, staff, experts)
    for assignment, dims, comment in zip(assignments, FINISHED_SCORES, COMMENTS, strict=True):
        services.submit_scores(
            assignment=assignment,
            by=assignment.expert,
            scores=_scores(evaluation, dims, GLUE_EVIDENCE),
            comment=comment,
        )
    evaluation.refresh_from_db()
    services.finalise_evaluation(evaluation=evaluation, by=staff, summary=SUMMARY)
    evaluation.refresh_from_db()
    services.set_badge(evaluation=evaluation, by=owner, public=True)


def _ongoing(achievement, owner, staff, experts) -> None:
    evaluation = services.request_evaluation(
        achievement=achievement, by=owner, category="applied", purpose="申报科技奖励"
    )
    assignments = _panel(evaluation, staff, experts)
    services.submit_scores(
        assignment=assignments[0],
        by=assignments[0].expert,
        scores=_scores(evaluation, ONGOING_SCORES, COATING_EVIDENCE),
        comment="涂装附着力提升明显，建议补充大规模连续化生产的能耗数据。",
    )
    evaluation.refresh_from_db()
    assert evaluation.status == Status.SCORING
