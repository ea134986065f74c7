"""The default 五元 scheme: category weights and indicators staff may edit afterwards."""

from django.db import migrations

SCHEMES = [
    # category, description, science, technology, economy, society, culture
    ("basic", "以新发现、新原理、新方法为主的基础研究成果", 40, 25, 10, 15, 10),
    ("applied", "以新技术、新工艺、新产品为主、尚在研发或中试的应用技术成果", 15, 35, 25, 15, 10),
    ("transfer", "拟转让、许可或作价入股的可转化成果", 10, 30, 40, 15, 5),
]

INDICATORS = [
    # dimension, name, guidance, weight
    ("science", "原创性", "是否提出新发现、新原理或新方法；与国内外同类研究相比的新颖程度", 2),
    ("science", "学术影响", "论文、专著、引用和学术奖励等同行认可情况", 1),
    ("science", "学科推动", "对本学科或交叉学科发展的推动作用", 1),
    ("technology", "技术创新性", "核心技术与现有技术相比的先进性和新颖性", 2),
    ("technology", "技术成熟度（TRL）", "对照技术就绪度1–9级，结合中试、检测报告评定", 2),
    ("technology", "模仿壁垒", "技术诀窍、工艺难度等使他人难以模仿的程度", 1),
    ("technology", "知识产权强度", "专利类型、授权状态、权利要求范围和布局完整性", 1),
    ("economy", "市场规模", "目标市场容量与增长前景", 1),
    ("economy", "成本优势", "与替代方案相比的成本、能耗和效率优势", 1),
    ("economy", "预期收益", "转化后可实现的销售收入、利润或节支", 2),
    ("economy", "价格合理性", "报价与技术水平、市场前景和同类交易的匹配程度", 1),
    ("society", "环境与资源效益", "节能减排、资源综合利用和污染治理效果", 1),
    ("society", "民生与公共安全", "对健康、安全、公共服务等民生领域的改善", 1),
    ("society", "产业带动", "对临沂本地产业升级、就业和配套的带动作用", 1),
    ("culture", "科学普及与创新文化", "对科学精神传播和创新氛围营造的作用", 1),
    ("culture", "传统工艺传承", "对地方传统工艺、非遗技艺的保护与创新", 1),
    ("culture", "人才培养", "对研发团队和技能人才培养的贡献", 1),
]


def seed(apps, schema_editor):
    CategoryScheme = apps.get_model("evaluation", "CategoryScheme")
    Indicator = apps.get_model("evaluation", "Indicator")
    for category, description, sci, tech, econ, soc, cult in SCHEMES:
        CategoryScheme.objects.update_or_create(
            category=category,
            defaults={
                "description": description,
                "weight_science": sci,
                "weight_technology": tech,
                "weight_economy": econ,
                "weight_society": soc,
                "weight_culture": cult,
            },
        )
    for order, (dimension, name, guidance, weight) in enumerate(INDICATORS):
        Indicator.objects.update_or_create(
            dimension=dimension,
            name=name,
            defaults={"guidance": guidance, "weight": weight, "order": order},
        )


class Migration(migrations.Migration):
    dependencies = [("evaluation", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
