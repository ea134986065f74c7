import pytest

from evaluation.pdf import evaluation_report_pdf
from evaluation.radar import data_points, radar_svg

from .factories import completed, owner_of
from .pdftext import pdf_text

pytestmark = pytest.mark.django_db


def test_the_report_pdf_carries_the_verification_code(client):
    evaluation = completed()
    client.force_login(owner_of(evaluation.achievement.organization))

    response = client.get(f"/evaluation/{evaluation.pk}/report.pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert evaluation.verification_code in response["Content-Disposition"]


def test_the_pdf_text_holds_the_score_and_code():
    evaluation = completed(values=(80, 82, 84))

    content = evaluation_report_pdf(evaluation, verify_url="https://example.cn/evaluation/verify/")

    text = pdf_text(content)
    assert evaluation.verification_code in text
    assert "科技成果评价报告" in text
    assert "82.00" in text
    assert "专家A" in text and "专家C" in text
    assert b"STSong-Light" in content


def test_the_verification_page_confirms_a_real_code_and_rejects_a_forged_one(client):
    evaluation = completed()

    ok = client.get("/evaluation/verify/", {"code": evaluation.verification_code.lower()})
    forged = client.get("/evaluation/verify/", {"code": "LYPJ-AAAA-BBBB-CCCC"})

    assert "报告真实有效" in ok.content.decode()
    assert evaluation.achievement.title in ok.content.decode()
    assert "未找到" in forged.content.decode()


def test_the_radar_puts_each_score_on_its_axis():
    full = data_points([100] * 5, size=360)
    empty = data_points([0] * 5, size=360)

    assert full[0] == pytest.approx((180, 70))  # top axis, radius 110
    assert all(p == pytest.approx((180, 180)) for p in empty)
    svg = radar_svg([("科学<价值>", 50), ("技术", None), ("经济", 70), ("社会", 60), ("文化", 40)])
    assert svg.count("<polygon") == 6  # five rings and the data area
    assert "科学&lt;价值&gt;" in svg
    assert "https://" not in svg.replace("http://www.w3.org/2000/svg", "")
