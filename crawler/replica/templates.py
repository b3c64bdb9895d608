"""Article templates, one function per kind of news in each category of the portal."""

from __future__ import annotations

from collections.abc import Callable

from crawler.replica.people import _DEPARTMENTS, _MINISTER, _P, _cap, _num
from crawler.replica.places import (
    _BY_CANON,
    _CAMBODIA_BORDER,
    _CHINA_BORDER,
    _COASTAL,
    _LAOS_BORDER,
    _PROVINCES,
    _SCHOOLS,
    _STREETS,
    _TRAP_ORGS,
)
from crawler.replica.writer import _ACHV, _MODELS, _NUM, _PERIODS, _SCENES, _TASKS, _TOPICS, _W, _fill


def _bo_inspection(w: _W) -> None:
    """A deputy minister's delegation inspects a provincial police."""
    pv = w.prov()
    dep = w.deputy()
    director = w.director(pv)
    civ = w.civil(pv)
    topic, short, stat, dept = w.c(_TOPICS)
    kw = pv.kw
    k = w.n(0, 2)
    if k == 0:
        w.set_title(f"Kiểm tra công tác {short} tại Công an {w.po(pv)}")
    elif k == 1:
        w.set_title(f"Bộ Công an làm việc với {w.pb(pv)} về {short}")
    else:
        w.set_title(f"Kiểm tra việc triển khai công tác {short} tại {w.pb(pv)}")
    if w.chance(0.5):
        w.set_lead(
            f"{w.when(w.n(0, 2), cap=True)}, Đoàn công tác của Bộ Công an do {w.who(dep)} làm Trưởng đoàn đã "
            f"kiểm tra, làm việc với Công an {w.po(pv)} về công tác {topic}."
        )
    else:
        w.set_lead(
            f"{w.when(w.n(0, 2), cap=True)}, {w.who(dep)} đã dẫn đầu Đoàn công tác Bộ Công an đến kiểm tra, làm "
            f"việc tại Công an {w.po(pv)}. Nội dung kiểm tra tập trung vào công tác {topic}."
        )
    if w.chance(0.5):
        members = (w.cuc(True, dept), w.cuc(False))
        w.add(
            f"Tham gia Đoàn công tác có các đồng chí: {w.whos(members)}. Về phía địa phương có {w.who(civ)}; "
            f"{w.who(director)} cùng lãnh đạo các phòng nghiệp vụ Công an {kw}."
        )
    else:
        w.add(
            f"Cùng dự buổi làm việc có {w.who(civ)}; {w.who(director)} và đại diện lãnh đạo một số cục nghiệp vụ "
            f"thuộc Bộ Công an."
        )
    a, b, c = w.n(40, 900), w.n(30, 600), w.n(5, 120)
    w.add(
        f"Báo cáo tại buổi làm việc, {w.who(director)} cho biết, {w.c(_PERIODS)}, Công an {kw} đã {w.c(_ACHV)}. "
        f"Riêng về công tác {topic}, {stat.format(a=_num(a), b=_num(b), c=_num(c))}."
    )
    w.add(
        f"Thực hiện {w.doc()}, Công an {w.pb(pv)} đã tham mưu {w.party(pv)} ban hành nhiều văn bản chỉ đạo, "
        f"quán triệt đến từng chi bộ và từng cán bộ, chiến sĩ. Công tác sơ kết, rút kinh nghiệm được tiến hành "
        f"thường xuyên, kịp thời chỉ ra những mặt còn hạn chế để khắc phục."
    )
    w.add(w.praise(dep, f"Công an {kw}"))
    w.add(w.direct(dep, f"Công an {kw}"))
    d = w.dist(pv, warded=True)

    def field() -> str:
        if d.wards:
            return (
                f"Trước đó, {w.when(w.n(1, 3), plain=True)}, Đoàn công tác đã kiểm tra thực tế tại Công an "
                f"{w.dl(d)} và Công an {w.wl(d, w.c(d.wards))}, trực tiếp trao đổi với cán bộ, chiến sĩ đang làm "
                f"nhiệm vụ ở cơ sở."
            )
        return (
            f"Sáng cùng ngày, Đoàn công tác đã đến kiểm tra thực tế tại Công an {w.dl(d)}, nghe báo cáo về cách "
            f"làm, những khó khăn, vướng mắc ở cơ sở."
        )

    def civil_reply() -> str:
        return (
            f"Tiếp thu ý kiến chỉ đạo, {w.who(civ)} cảm ơn sự quan tâm của Bộ Công an và khẳng định cấp ủy, "
            f"chính quyền địa phương sẽ tiếp tục tạo điều kiện để lực lượng Công an hoàn thành tốt nhiệm vụ."
        )

    def training() -> str:
        return (
            f"Đoàn cũng lưu ý việc quy hoạch, đào tạo cán bộ, cử cán bộ đủ điều kiện theo học các lớp bồi dưỡng "
            f"lý luận chính trị tại {_TRAP_ORGS[0]} và các học viện, trường Công an nhân dân."
        )

    _fill(w, [field, civil_reply, training], 6, 9)
    w.act(dep, w.c(("phát biểu chỉ đạo tại buổi làm việc.", "phát biểu tại buổi kiểm tra.")))
    w.act(director, "báo cáo kết quả công tác tại buổi làm việc.")
    w.scene(w.c(_SCENES))


def _bo_conference(w: _W) -> None:
    """A nationwide conference chaired by a ministry leader."""
    chair = w.cast(_MINISTER) if w.chance(0.25) else w.deputy()
    topic, short, stat, dept = w.c(_TOPICS)
    kind = w.c(("sơ kết", "tổng kết", "triển khai"))
    head = w.cuc(True, dept)
    provs = w.r.sample(_PROVINCES, 3)
    k = w.n(0, 2)
    if k == 0:
        w.set_title(f"Hội nghị {kind} công tác {short} của lực lượng Công an nhân dân")
    elif k == 1:
        w.set_title(f"Hội nghị {kind} {short}: {w.pb(provs[0])} chia sẻ kinh nghiệm")
    else:
        w.set_title(f"Bộ Công an tổ chức Hội nghị {kind} công tác {short}")
    w.set_lead(
        f"{w.when(w.n(0, 2), cap=True)}, Bộ Công an tổ chức Hội nghị {kind} công tác {topic}. "
        f"{_cap(w.who(chair))} chủ trì Hội nghị."
    )
    w.add(
        "Hội nghị được tổ chức theo hình thức trực tiếp kết hợp trực tuyến từ điểm cầu Bộ Công an đến Công an các "
        "đơn vị, địa phương. Dự tại điểm cầu Bộ Công an có lãnh đạo một số cục, đơn vị trực thuộc Bộ."
    )
    a, b, c = w.n(200, 9000), w.n(100, 5000), w.n(10, 900)
    w.add(
        f"Trình bày báo cáo tại Hội nghị, {w.who(head)} cho biết, {w.c(_PERIODS)}, {stat.format(a=_num(a), b=_num(b), c=_num(c))}. "
        f"Những kết quả này góp phần quan trọng vào việc giữ vững an ninh, trật tự trên phạm vi cả nước."
    )
    w.add(
        f"Tại Hội nghị, đại diện Công an {w.pb(provs[0])}, {w.pb(provs[1])} và {w.pb(provs[2])} đã trình bày tham "
        f"luận, chia sẻ kinh nghiệm, cách làm hiệu quả; đồng thời kiến nghị tháo gỡ một số vướng mắc về cơ chế, "
        f"chính sách."
    )
    w.add(w.praise(chair, "Công an các đơn vị, địa phương"))
    w.add(w.direct(chair, "Công an các đơn vị, địa phương"))

    def awards() -> str:
        return (
            f"Dịp này, Bộ trưởng Bộ Công an đã tặng Bằng khen cho {w.n(8, 40)} tập thể và {w.n(10, 60)} cá nhân "
            f"có thành tích xuất sắc trong công tác {topic}."
        )

    def doc_para() -> str:
        return (
            f"Hội nghị cũng quán triệt {w.doc()}, trong đó xác định rõ trách nhiệm của người đứng đầu Công an các "
            f"đơn vị, địa phương đối với công tác {topic}."
        )

    def local_speaker() -> str:
        pv = w.prov()
        p = w.director(pv, deputy=w.chance(0.5))
        return (
            f"Tham luận tại Hội nghị, {w.who(p)} chia sẻ, đơn vị đã chủ động phân công lãnh đạo phụ trách từng "
            f"địa bàn, gắn trách nhiệm của cán bộ với kết quả công tác ở cơ sở."
        )

    _fill(w, [awards, doc_para, local_speaker], 5, 8)
    w.act(chair, w.c(("phát biểu chỉ đạo Hội nghị.", "phát biểu tại Hội nghị.")))
    w.act(head, "trình bày báo cáo tại Hội nghị.")
    w.scene(("Quang cảnh Hội nghị tại điểm cầu Bộ Công an.", "Toàn cảnh Hội nghị."))


def _bo_visit(w: _W) -> None:
    """A deputy minister visits and encourages officers of a district police."""
    pv = w.prov()
    d = w.dist(pv, warded=True)
    dep = w.deputy()
    chief = w.district_chief(d)
    director = w.director(pv, deputy=w.chance(0.5))
    if w.chance(0.5):
        w.set_title(f"Lãnh đạo Bộ Công an thăm, động viên cán bộ, chiến sĩ Công an {w.dl(d)}")
    else:
        w.set_title(f"Thứ trưởng Bộ Công an thăm, làm việc tại Công an {w.dl(d)}, {w.pb(pv)}")
    w.set_lead(
        f"{w.when(w.n(0, 3), cap=True)}, {w.who(dep)} đã đến thăm, động viên cán bộ, chiến sĩ Công an "
        f"{w.dl(d)}, {w.pp(pv)}."
    )
    w.add(f"Cùng đi có {w.who(director)} và đại diện lãnh đạo một số đơn vị nghiệp vụ.")
    w.add(
        f"Báo cáo với Đoàn công tác, {w.who(chief)} cho biết, đơn vị hiện có nhiều cán bộ trẻ, địa bàn rộng, giao "
        f"thông đi lại khó khăn. {_cap(w.c(_PERIODS))}, đơn vị đã {w.c(_ACHV)}."
    )
    if d.wards:
        ward = w.c(d.wards)
        cc = w.commune_chief(d, ward)
        w.add(
            f"Tại Công an {w.wl(d, ward)}, {w.who(dep)} đã kiểm tra nơi làm việc, nơi ăn nghỉ của cán bộ, chiến sĩ "
            f"và nghe {w.who(cc)} báo cáo về công tác nắm tình hình, giải quyết thủ tục hành chính cho người dân."
        )
    w.add(w.praise(dep, "Công an huyện" if "huyện" in d.labels[0] else "đơn vị"))
    w.add(w.direct(dep, "cán bộ, chiến sĩ"))

    def gifts() -> str:
        return (
            f"Dịp này, Đoàn công tác đã trao tặng đơn vị {w.n(2, 5)} bộ máy tính, trang thiết bị phục vụ công tác "
            f"và {w.n(10, 50)} suất quà cho cán bộ, chiến sĩ có hoàn cảnh khó khăn."
        )

    def tree() -> str:
        return "Trước khi kết thúc chuyến công tác, Đoàn đã trồng cây lưu niệm tại khuôn viên trụ sở đơn vị."

    def thanks() -> str:
        return (
            f"Thay mặt cán bộ, chiến sĩ, {w.who(chief)} bày tỏ sự phấn khởi trước sự quan tâm của lãnh đạo Bộ, "
            f"hứa sẽ tiếp tục phấn đấu, rèn luyện, hoàn thành xuất sắc nhiệm vụ được giao."
        )

    _fill(w, [gifts, tree, thanks], 4, 8)
    w.act(dep, "thăm hỏi, động viên cán bộ, chiến sĩ.")
    w.act(dep, "trao quà tặng đơn vị.")
    w.scene(("Đoàn công tác chụp ảnh lưu niệm cùng cán bộ, chiến sĩ.", "Các đại biểu chụp ảnh lưu niệm."))


def _bo_appointment(w: _W) -> None:
    """A ceremony announcing the appointment of a provincial police director."""
    pv = w.prov()
    dep = w.deputy()
    dept = w.c(_DEPARTMENTS)
    name, _ = w.name(False)
    newcomer = _P(name, w.c(("Đại tá", "Thiếu tướng")), (f"Phó Cục trưởng {dept}",), title="Phó Cục trưởng")
    civ = w.civil(pv)
    home = w.prov()
    if w.chance(0.5):
        w.set_title(f"Công bố quyết định về công tác cán bộ tại Công an {w.po(pv)}")
    else:
        w.set_title(f"Bộ Công an điều động, bổ nhiệm Giám đốc Công an {w.po(pv)}")
    w.set_lead(
        f"{w.when(w.n(0, 2), cap=True)}, Công an {w.po(pv)} tổ chức Lễ công bố Quyết định của Bộ trưởng Bộ "
        f"Công an về công tác cán bộ. {_cap(w.who(dep))} dự và chủ trì buổi lễ."
    )
    w.add(
        f"Dự buổi lễ có {w.who(civ)}; đại diện lãnh đạo các sở, ban, ngành và lãnh đạo các phòng, đơn vị thuộc "
        f"Công an {pv.kw}."
    )
    w.add(
        f"Tại buổi lễ, đại diện lãnh đạo Cục Tổ chức cán bộ đã công bố Quyết định số {w.n(1000, 9800)}/QĐ-BCA "
        f"{w.old_date(2, 12)} của Bộ trưởng Bộ Công an điều động, bổ nhiệm {w.who(newcomer)} giữ chức vụ Giám đốc "
        f"Công an {w.po(pv)}."
    )
    yob = w.pday.year - w.n(48, 56)
    w.add(
        f"{_cap(w.who(newcomer))} sinh năm {yob}, quê quán {w.pp(home)}; có trình độ thạc sĩ luật, cao cấp lý luận "
        f"chính trị, từng học tập tại {_TRAP_ORGS[0]}. Trước khi nhận nhiệm vụ mới, đồng chí đã kinh qua nhiều "
        f"vị trí công tác ở đơn vị nghiệp vụ thuộc Bộ."
    )
    w.add(
        f"Phát biểu giao nhiệm vụ, {w.who(dep)} chúc mừng {w.who(newcomer)} được lãnh đạo Bộ tin tưởng giao "
        f"trọng trách mới. {_cap(w.who(dep))} đề nghị tân Giám đốc nhanh chóng nắm bắt tình hình, cùng tập thể lãnh "
        f"đạo đơn vị {w.c(_TASKS)}."
    )
    w.add(
        f"Nhận nhiệm vụ, {w.who(newcomer)} cảm ơn sự tin tưởng của lãnh đạo Bộ, hứa sẽ cùng tập thể Ban Giám đốc "
        f"giữ gìn đoàn kết, phát huy truyền thống của Công an {w.pb(pv)}, hoàn thành tốt nhiệm vụ được giao."
    )

    def civil_words() -> str:
        return (
            f"Thay mặt lãnh đạo địa phương, {w.who(civ)} chúc mừng tân Giám đốc và khẳng định cấp ủy, chính "
            f"quyền sẽ luôn tạo điều kiện thuận lợi để lực lượng Công an hoàn thành nhiệm vụ."
        )

    def predecessor() -> str:
        old = w.director(pv)
        return (
            f"Cũng tại buổi lễ, lãnh đạo Bộ đã ghi nhận những đóng góp của {w.who(old)} trong thời gian công tác "
            f"tại địa phương. Đồng chí được điều động nhận nhiệm vụ mới tại cơ quan Bộ."
        )

    _fill(w, [civil_words, predecessor], 5, 8)
    w.photo((dep, newcomer), lambda w, v: f"{_cap(dep.forms[v])} trao Quyết định cho {newcomer.forms[v]}.")
    w.act(newcomer, "phát biểu nhận nhiệm vụ.")
    w.scene(("Quang cảnh buổi lễ.", "Toàn cảnh Lễ công bố Quyết định."))


# ============================================================================ Hoạt động của địa phương


def _dp_campaign(w: _W) -> None:
    """A provincial police launches a crackdown campaign."""
    pv = w.prov()
    director = w.director(pv, deputy=w.chance(0.4))
    civ = w.civil(pv)
    occasion = w.c(("dịp cuối năm", "mùa du lịch", "dịp nghỉ lễ", "đợt cao điểm", "các tháng cao điểm"))
    officers = _num(w.n(3, 12) * 100)
    k = w.n(0, 2)
    if k == 0:
        w.set_title(f"Công an {w.po(pv)} ra quân tấn công, trấn áp tội phạm {occasion}")
    elif k == 1:
        w.set_title(f"{w.pb(pv)}: Ra quân bảo đảm an ninh, trật tự {occasion}")
    else:
        w.set_title(f"Hơn {officers} cán bộ, chiến sĩ Công an {w.po(pv)} ra quân trấn áp tội phạm")
    w.set_lead(
        f"{w.when(w.n(0, 2), cap=True)}, Công an {w.po(pv)} tổ chức Lễ ra quân tấn công, trấn áp tội phạm, bảo "
        f"đảm an ninh, trật tự {occasion}."
    )
    w.add(
        f"Dự buổi lễ có {w.who(civ)}; {w.who(director)} cùng hơn {officers} cán bộ, chiến sĩ thuộc các lực lượng "
        f"Cảnh sát hình sự, Cảnh sát giao thông, Cảnh sát cơ động và Công an các địa phương."
    )
    w.add(
        f"Phát biểu tại buổi lễ, {w.who(director)} nhấn mạnh, thời gian tới tình hình tội phạm dự báo còn diễn biến "
        f"phức tạp, nhất là tội phạm trộm cắp, cướp giật tài sản, tội phạm ma túy và các hành vi vi phạm trật tự, "
        f"an toàn giao thông."
    )
    w.add(
        f"Từ nay đến hết đợt cao điểm, các đơn vị phải {w.c(_TASKS)}. Lực lượng tuần tra cần có mặt thường xuyên "
        f"tại các tuyến đường, khu vực công cộng, không để tội phạm lợi dụng hoạt động."
    )
    d = w.dist(pv)

    def results() -> str:
        return (
            f"Trong đợt cao điểm trước, {w.span(w.n(5, 30), w.n(20, 60))}, Công an {pv.kw} đã triệt xóa "
            f"{w.n(4, 30)} băng, nhóm tội phạm, bắt giữ {w.n(40, 300)} đối tượng, thu giữ nhiều tang vật liên "
            f"quan."
        )

    def civil_words() -> str:
        return (
            f"Thay mặt lãnh đạo địa phương, {w.who(civ)} đề nghị các sở, ngành, đoàn thể và chính quyền cơ sở "
            f"phối hợp chặt chẽ với lực lượng Công an; mỗi người dân cần nâng cao ý thức cảnh giác, kịp thời cung "
            f"cấp thông tin về tội phạm."
        )

    def district() -> str:
        chief = w.district_chief(d)
        return (
            f"Cùng ngày, Công an {w.dl(d)} cũng tổ chức ra quân tại địa phương. {_cap(w.who(chief))} yêu cầu "
            f"lực lượng tập trung vào các địa bàn giáp ranh, khu vực có nhiều nhà trọ, cơ sở kinh doanh dịch vụ."
        )

    def after() -> str:
        return (
            "Ngay sau lễ ra quân, các tổ công tác đã xuất quân tuần tra, kiểm soát trên các tuyến giao thông "
            "trọng điểm."
        )

    _fill(w, [results, civil_words, district, after], 4, 8)
    w.act(director, "phát biểu tại Lễ ra quân.")
    w.scene(("Các lực lượng tham gia Lễ ra quân.", "Lực lượng Công an tham gia ra quân."))
    w.scene(("Các tổ công tác xuất quân sau buổi lễ.", "Lực lượng tuần tra xuất quân."))


def _dp_movement(w: _W) -> None:
    """A district reviews its mass movement for national security."""
    pv = w.prov()
    d = w.dist(pv, warded=True)
    chief = w.district_chief(d)
    dciv = w.district_civil(d)
    guest = w.director(pv, deputy=True)
    models = w.r.sample(_MODELS, 2)
    kind = w.c(("Sơ kết", "Tổng kết"))
    if w.chance(0.5):
        w.set_title(f"{kind} phong trào Toàn dân bảo vệ an ninh Tổ quốc tại {w.dl(d)}")
    else:
        w.set_title(f"{w.pb(pv)}: Nhân rộng mô hình tự quản an ninh, trật tự ở {w.dl(d)}")
    w.set_lead(
        f"{w.when(w.n(0, 3), cap=True)}, Ban Chỉ đạo phong trào Toàn dân bảo vệ an ninh Tổ quốc {w.dl(d)}, "
        f"{w.pp(pv)} tổ chức Hội nghị {kind.lower()} công tác xây dựng phong trào."
    )
    w.add(
        f"Dự Hội nghị có {w.who(guest)}; {w.who(dciv)}; {w.who(chief)} cùng đại diện các ban, ngành, đoàn thể "
        f"và lãnh đạo Công an các xã, thị trấn."
    )
    w.add(
        f"Theo báo cáo, {w.c(_PERIODS)}, phong trào đã có bước phát triển cả về chiều rộng lẫn chiều sâu. Toàn "
        f"huyện duy trì {w.n(20, 140)} mô hình tự quản, tiêu biểu là mô hình {models[0]} và {models[1]}; quần chúng "
        f"nhân dân đã cung cấp {w.n(50, 400)} nguồn tin có giá trị giúp lực lượng Công an phát hiện, xử lý vi phạm."
    )
    w.add(
        f"Các tổ chức Mặt trận, Hội Liên hiệp Phụ nữ, {_TRAP_ORGS[1]}, Hội Cựu chiến binh đã phối hợp tuyên truyền, "
        f"vận động hội viên, đoàn viên tham gia tố giác tội phạm, giúp đỡ người lầm lỡ tái hòa nhập cộng đồng."
    )
    w.add(
        f"Phát biểu tại Hội nghị, {w.who(guest)} ghi nhận kết quả địa phương đạt được và đề nghị thời gian tới cần "
        f"{w.c(_TASKS)}, chú trọng biểu dương, khen thưởng kịp thời các tập thể, cá nhân điển hình."
    )
    ward = w.c(d.wards) if d.wards else None

    def example() -> str:
        if ward:
            return (
                f"Tại Hội nghị, đại diện {w.wl(d, ward)} chia sẻ kinh nghiệm duy trì mô hình {models[0]}, qua đó "
                f"địa bàn không để xảy ra trọng án, số vụ trộm cắp giảm rõ rệt."
            )
        return (
            f"Tại Hội nghị, nhiều đại biểu chia sẻ kinh nghiệm duy trì mô hình {models[0]}, qua đó địa bàn không "
            f"để xảy ra trọng án."
        )

    def awards() -> str:
        return (
            f"Dịp này, UBND huyện đã tặng Giấy khen cho {w.n(5, 25)} tập thể, {w.n(8, 40)} cá nhân có thành tích "
            f"xuất sắc trong phong trào."
        )

    def closing() -> str:
        return (
            f"Kết luận Hội nghị, {w.who(dciv)} yêu cầu các xã, thị trấn tiếp tục quan tâm lãnh đạo phong trào, "
            f"bảo đảm kinh phí hoạt động cho các mô hình tự quản."
        )

    _fill(w, [example, awards, closing], 5, 8)
    w.act(guest, "phát biểu tại Hội nghị.")
    w.scene(
        (
            "Trao Giấy khen cho các tập thể, cá nhân có thành tích xuất sắc.",
            "Các tập thể, cá nhân nhận Giấy khen tại Hội nghị.",
        )
    )


def _dp_identity(w: _W) -> None:
    """Local police bring identity-card services to residents."""
    pv = w.prov()
    d = w.dist(pv, warded=True)
    deputy = w.director(pv, deputy=True)
    officer = w.officer(pv, d)
    n_cards = _num(w.n(3, 60) * 1000)
    if w.chance(0.5):
        w.set_title(f"Công an {w.po(pv)} đẩy mạnh cấp căn cước, phục vụ người dân tận nơi")
    else:
        w.set_title(f"{w.pb(pv)}: Làm thủ tục cấp căn cước tại nhà cho người cao tuổi, người khuyết tật")
    w.set_lead(
        f"Thực hiện Đề án 06 của Chính phủ, {w.c(_PERIODS)}, Công an {w.po(pv)} đã thu nhận hơn {n_cards} hồ "
        f"sơ cấp căn cước, trong đó nhiều trường hợp được làm thủ tục tại nhà."
    )
    w.add(
        f"Theo {w.who(deputy)}, đơn vị đã bố trí các tổ công tác lưu động, làm việc cả ngày nghỉ, buổi tối để thu "
        f"nhận hồ sơ cho học sinh, công nhân và người dân ở vùng sâu, vùng xa."
    )
    w.add(
        f"{w.when(w.n(0, 4), cap=True)}, tổ công tác của Công an {w.dl(d)} đã đến tận nhà của một số cụ cao tuổi, "
        f"người bệnh không thể đi lại để chụp ảnh, thu nhận vân tay và hướng dẫn kích hoạt tài khoản định danh "
        f"điện tử trên ứng dụng VNeID."
    )
    w.add(
        f"{_cap(w.who(officer))} cho biết, trước khi xuống địa bàn, tổ công tác đã rà soát danh sách, liên hệ với "
        f"trưởng thôn, tổ trưởng dân phố để bố trí thời gian phù hợp với từng gia đình."
    )

    def gains() -> str:
        return (
            f"Việc ứng dụng dữ liệu dân cư giúp người dân không phải xuất trình nhiều giấy tờ khi làm thủ tục "
            f"hành chính; {w.n(20, 80)} dịch vụ công thiết yếu đã được tích hợp, cung cấp trực tuyến."
        )

    def doc_para() -> str:
        return (
            f"Thực hiện {w.doc(4)}, Công an {w.pb(pv)} đã phối hợp với các sở, ngành làm sạch dữ liệu về hộ "
            f"tịch, bảo hiểm, an sinh xã hội, bảo đảm thông tin “đúng, đủ, sạch, sống”."
        )

    def resident() -> str:
        res = w.resident(pv, age=(70, 92), d=d)
        return (
            f"{_cap(w.who(res))} chia sẻ, do tuổi cao, sức yếu nên gia đình rất lo việc làm giấy tờ; nay được "
            f"cán bộ Công an đến tận nhà hỗ trợ, cả nhà đều yên tâm."
        )

    def plan() -> str:
        return (
            f"Thời gian tới, Công an {pv.kw} tiếp tục duy trì các tổ công tác lưu động, phấn đấu hoàn thành chỉ "
            f"tiêu cấp căn cước cho toàn bộ công dân trong diện."
        )

    _fill(w, [gains, doc_para, resident, plan], 4, 7)
    w.scene(
        (
            "Cán bộ Công an thu nhận hồ sơ cấp căn cước cho người dân.",
            "Tổ công tác làm thủ tục cấp căn cước tại nhà cho người dân.",
        )
    )
    w.act(officer, "hướng dẫn người dân kích hoạt tài khoản định danh điện tử.")


def _dp_fire_drill(w: _W) -> None:
    """A district police holds a firefighting and rescue drill."""
    pv = w.prov()
    d = w.dist(pv)
    deputy = w.district_chief(d, deputy=True)
    head = w.unit_head(pv, "Phòng Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ")
    site = w.c(
        (
            "chợ trung tâm",
            "một khu chung cư cao tầng",
            "một nhà máy trong khu công nghiệp",
            "bệnh viện đa khoa",
            "một trung tâm thương mại",
        )
    )
    people, trucks = w.n(80, 300), w.n(4, 15)
    if w.chance(0.5):
        w.set_title(f"Thực tập phương án chữa cháy tại {site} ở {w.dl(d)}")
    else:
        w.set_title(f"Công an {w.dl(d)} thực tập phương án chữa cháy với nhiều lực lượng tham gia")
    w.set_lead(
        f"{w.when(w.n(0, 3), cap=True)}, Công an {w.dl(d)}, {w.pp(pv)} phối hợp với chính quyền địa phương tổ "
        f"chức thực tập phương án chữa cháy và cứu nạn, cứu hộ tại {site}."
    )
    w.add(
        f"Buổi thực tập huy động {people} người thuộc lực lượng Công an, Quân sự, y tế, đội phòng cháy, chữa cháy "
        f"cơ sở cùng {trucks} xe chữa cháy, xe cứu thương và nhiều trang thiết bị chuyên dụng."
    )
    w.add(
        "Giả định đám cháy xảy ra do chập điện, lửa lan nhanh kèm khói độc, nhiều người mắc kẹt. Ngay khi nhận tin "
        "báo, lực lượng tại chỗ đã sử dụng bình chữa cháy để dập lửa ban đầu, hướng dẫn mọi người thoát nạn."
    )
    w.add(
        "Các tổ cứu nạn sử dụng thang dây, đệm hơi để đưa người mắc kẹt ra ngoài, bàn giao cho lực lượng y tế sơ "
        "cứu; đám cháy được khống chế hoàn toàn sau ít phút."
    )
    w.add(
        f"Phát biểu tại buổi thực tập, {w.who(deputy)} cho biết, mục đích của buổi thực tập là nâng cao khả năng "
        f"phối hợp giữa các lực lượng, đồng thời giúp người dân biết cách xử lý khi có cháy xảy ra."
    )

    def expert() -> str:
        return (
            f"Nhận xét buổi thực tập, {w.who(head)} đánh giá các lực lượng đã triển khai đúng phương án, bảo đảm "
            f"thời gian, an toàn tuyệt đối về người và phương tiện."
        )

    def advice() -> str:
        return (
            "Qua đây, cơ quan Công an khuyến cáo các hộ gia đình, cơ sở kinh doanh thường xuyên kiểm tra hệ "
            "thống điện, trang bị bình chữa cháy và không để hàng hóa lấn chiếm lối thoát nạn."
        )

    def stats() -> str:
        return (
            f"{_cap(w.c(_PERIODS))}, Công an huyện đã kiểm tra an toàn phòng cháy tại {w.n(100, 600)} cơ sở, "
            f"xử phạt {w.n(5, 60)} trường hợp vi phạm với số tiền hơn {w.n(50, 400)} triệu đồng."
        )

    _fill(w, [expert, advice, stats], 5, 8)
    w.scene(
        (
            "Lực lượng chữa cháy triển khai phương án tại hiện trường giả định.",
            "Các lực lượng tham gia thực tập chữa cháy.",
        )
    )
    w.scene(("Cứu người mắc kẹt trong đám cháy giả định.", "Đưa người bị nạn ra khỏi khu vực cháy."))


# ============================================================================ Chỉ đạo điều hành


_DIRECTIVE_TOPICS = (  # (subject as the directive states it, short form for the title)
    ("tăng cường bảo đảm an ninh, trật tự trên không gian mạng", "bảo đảm an ninh mạng"),
    (
        "nâng cao hiệu quả công tác phòng, chống tội phạm lừa đảo chiếm đoạt tài sản",
        "phòng, chống lừa đảo chiếm đoạt tài sản",
    ),
    (
        "tăng cường công tác phòng cháy, chữa cháy tại nhà ở kết hợp kinh doanh",
        "phòng cháy nhà ở kết hợp kinh doanh",
    ),
    (
        "chấn chỉnh lề lối, tác phong công tác của cán bộ, chiến sĩ tiếp xúc với nhân dân",
        "chấn chỉnh lề lối, tác phong công tác",
    ),
    (
        "đẩy mạnh công tác phòng ngừa, đấu tranh với tội phạm ma túy trong tình hình mới",
        "phòng, chống tội phạm ma túy",
    ),
    ("tăng cường bảo đảm trật tự, an toàn giao thông đường bộ", "bảo đảm an toàn giao thông đường bộ"),
)
_LAWS = (
    "Luật Căn cước",
    "Luật Lực lượng tham gia bảo vệ an ninh, trật tự ở cơ sở",
    "Luật Phòng cháy, chữa cháy và cứu nạn, cứu hộ",
    "Luật Trật tự, an toàn giao thông đường bộ",
    "Luật Xuất cảnh, nhập cảnh của công dân Việt Nam",
)


def _cd_directive(w: _W) -> None:
    """The minister issues a directive."""
    topic, short = w.c(_DIRECTIVE_TOPICS)
    num = w.n(1, 24)
    named = w.chance(0.5)
    mn = w.cast(_MINISTER)
    key_provs = w.r.sample(
        (
            _BY_CANON["Hà Nội"],
            _BY_CANON["Hồ Chí Minh"],
            _BY_CANON["Đà Nẵng"],
            _BY_CANON["Hải Phòng"],
            _BY_CANON["Cần Thơ"],
        ),
        3,
    )
    dept = w.c(_DEPARTMENTS[:6])
    if w.chance(0.5):
        w.set_title(f"Bộ trưởng Bộ Công an ban hành Chỉ thị số {num:02d}/CT-BCA về {short}")
    else:
        w.set_title(f"Chỉ thị số {num:02d}/CT-BCA của Bộ trưởng Bộ Công an về {short}")
    if named:
        w.set_lead(
            f"{_cap(w.who(mn))} vừa ký ban hành Chỉ thị số {num:02d}/CT-BCA {w.old_date(1, 6)} về {topic}."
        )
    else:
        w.set_lead(
            f"Bộ trưởng Bộ Công an vừa ký ban hành Chỉ thị số {num:02d}/CT-BCA {w.old_date(1, 6)} về {topic}."
        )
    w.add(
        "Chỉ thị nêu rõ, thời gian qua, Công an các đơn vị, địa phương đã triển khai nhiều giải pháp và đạt được "
        "những kết quả quan trọng. Tuy nhiên, tình hình vẫn còn diễn biến phức tạp, một số nơi chưa chủ động, "
        "việc phối hợp giữa các lực lượng có lúc chưa chặt chẽ."
    )
    w.add(
        f"Để khắc phục tình trạng trên, Bộ trưởng yêu cầu Công an các đơn vị, địa phương quán triệt sâu sắc "
        f"{w.doc(w.c((0, 1, 2)))}, xác định đây là nhiệm vụ trọng tâm, thường xuyên. Người đứng đầu phải chịu trách "
        f"nhiệm nếu để xảy ra vụ việc phức tạp trên địa bàn."
    )
    t = w.r.sample(_TASKS, 2)
    w.add(
        f"Công an các tỉnh, thành phố, nhất là các địa bàn trọng điểm như {w.pb(key_provs[0])}, "
        f"{w.pb(key_provs[1])}, {w.pb(key_provs[2])}, phải {t[0]}; đồng thời {t[1]}."
    )
    w.add(
        f"Giao {dept} chủ trì, phối hợp với các đơn vị liên quan hướng dẫn, kiểm tra, đôn đốc việc thực hiện Chỉ "
        f"thị. Văn phòng Bộ Công an theo dõi, tổng hợp, báo cáo lãnh đạo Bộ kết quả thực hiện."
    )

    def propaganda() -> str:
        return (
            "Chỉ thị cũng yêu cầu đẩy mạnh công tác tuyên truyền trên các phương tiện thông tin đại chúng, giúp "
            "người dân nhận diện thủ đoạn của đối tượng và chủ động phòng ngừa."
        )

    def old() -> str:
        return (
            f"Trước đó, Bộ Công an đã ban hành {w.doc(4)} nhằm cụ thể hóa các nhiệm vụ, giải pháp; việc ban "
            f"hành Chỉ thị lần này tiếp tục tạo chuyển biến mạnh mẽ trong toàn lực lượng."
        )

    def review() -> str:
        return (
            "Định kỳ hằng quý, Công an các đơn vị, địa phương báo cáo kết quả thực hiện về Bộ; cuối năm tổ chức "
            "sơ kết, rút kinh nghiệm."
        )

    _fill(w, [propaganda, old, review], 4, 7)
    if named:
        w.act(mn, "chủ trì hội nghị trực tuyến toàn quốc.")


def _cd_law_plan(w: _W) -> None:
    """A deputy minister signs the plan implementing a new law."""
    law = w.c(_LAWS)
    dep = w.deputy()
    num = w.n(100, 900)
    dept = w.c(_DEPARTMENTS)
    # Law names run from 3 to 14 words: keep only the title wordings that stay within 8 to 20 words.
    titles = [
        t
        for t in (
            f"Bộ Công an ban hành Kế hoạch số {num}/KH-BCA thi hành {law}",
            f"Kế hoạch số {num}/KH-BCA triển khai thi hành {law}",
        )
        if 8 <= len(t.split()) <= 20
    ]
    titles = titles or [f"Triển khai thi hành {law}"]
    w.set_title(w.c(titles))
    w.set_lead(
        f"{_cap(w.who(dep))} vừa ký ban hành Kế hoạch số {num}/KH-BCA {w.old_date(1, 8)} triển khai thi hành "
        f"{law}."
    )
    w.add(
        "Kế hoạch nhằm xác định cụ thể nội dung công việc, thời hạn, tiến độ hoàn thành và trách nhiệm của các đơn "
        "vị trong việc tổ chức thi hành Luật, bảo đảm kịp thời, đồng bộ, thống nhất và hiệu quả."
    )
    w.add(
        f"Theo Kế hoạch, {dept} chủ trì, phối hợp với Cục Pháp chế và cải cách hành chính, tư pháp xây dựng các "
        f"văn bản quy định chi tiết; rà soát các văn bản quy phạm pháp luật liên quan để kịp thời sửa đổi, bổ "
        f"sung hoặc bãi bỏ."
    )
    w.add(
        "Công an các tỉnh, thành phố trực thuộc Trung ương tổ chức quán triệt nội dung Luật đến toàn thể cán bộ, "
        "chiến sĩ; phối hợp với sở, ngành địa phương tuyên truyền, phổ biến Luật đến mọi tầng lớp nhân dân."
    )

    def training() -> str:
        return (
            "Bộ Công an sẽ tổ chức tập huấn chuyên sâu cho đội ngũ cán bộ trực tiếp thực hiện, bảo đảm hiểu "
            "đúng, thực hiện thống nhất các quy định mới."
        )

    def budget() -> str:
        return (
            "Kinh phí thực hiện Kế hoạch được bảo đảm từ nguồn ngân sách nhà nước chi cho Bộ Công an và các "
            "nguồn hợp pháp khác theo quy định."
        )

    def basis() -> str:
        return (
            f"Kế hoạch được ban hành trên cơ sở {w.doc(5)}, cụ thể hóa các nhiệm vụ được giao cho Bộ Công an."
        )

    def pilot() -> str:
        pv = w.prov()
        return (
            f"Trước đó, việc thực hiện thí điểm một số nội dung tại {w.pb(pv)} đã cho kết quả tích cực, là cơ sở "
            f"để nhân rộng trên phạm vi cả nước."
        )

    _fill(w, [training, budget, basis, pilot], 4, 7)


def _cd_telegram(w: _W) -> None:
    """An urgent telegram asking local police to prepare for a storm or a holiday."""
    storm = w.chance(0.5)
    num = w.n(1, 40)
    if storm:
        a, b = sorted(w.r.sample(range(len(_COASTAL)), 2))
        pa, pz = _COASTAL[a], _COASTAL[b]
        if w.chance(0.5):
            w.set_title(f"Công an các tỉnh từ {w.pb(pa)} đến {w.pb(pz)} chủ động ứng phó bão, lũ")
        else:
            w.set_title(f"Công điện số {num}/CĐ-BCA về chủ động ứng phó với bão, mưa lũ")
        w.set_lead(
            f"Bộ Công an vừa ban hành Công điện số {num}/CĐ-BCA {w.old_date(0, 2)} gửi Công an các tỉnh, thành "
            f"phố từ {w.pb(pa)} đến {w.pb(pz)} về việc chủ động ứng phó với bão và mưa lũ."
        )
        w.add(
            "Theo dự báo, bão có thể gây mưa rất to, nguy cơ cao xảy ra lũ quét, sạt lở đất ở khu vực miền núi và "
            "ngập úng tại vùng trũng thấp."
        )
        w.add(
            "Bộ Công an yêu cầu Công an các địa phương phân công lực lượng, phương tiện trực 100% quân số, sẵn sàng "
            "hỗ trợ người dân sơ tán khỏi khu vực nguy hiểm; bảo đảm an ninh, trật tự tại các điểm sơ tán."
        )
        w.add(
            "Lực lượng Cảnh sát giao thông phối hợp phân luồng, cắm biển cảnh báo tại các ngầm tràn, đoạn đường bị "
            "ngập sâu, kiên quyết không để người và phương tiện qua lại khi không bảo đảm an toàn."
        )
    else:
        occasion = w.c(("dịp nghỉ lễ", "dịp Tết Nguyên đán", "dịp nghỉ lễ Quốc khánh", "mùa du lịch hè"))
        pv1, pv2 = w.r.sample(_PROVINCES, 2)
        if w.chance(0.5):
            w.set_title(f"Bảo đảm an ninh, trật tự {occasion} tại {w.pb(pv1)}, {w.pb(pv2)}")
        else:
            w.set_title(f"Công điện số {num}/CĐ-BCA về bảo đảm an ninh, trật tự {occasion}")
        w.set_lead(
            f"Bộ Công an vừa ban hành Công điện số {num}/CĐ-BCA {w.old_date(0, 3)} yêu cầu Công an các đơn vị, địa "
            f"phương triển khai đồng bộ các biện pháp bảo đảm an ninh, trật tự {occasion}."
        )
        w.add(
            f"Công điện nêu rõ, {occasion} nhu cầu đi lại, vui chơi của người dân tăng cao, tiềm ẩn nguy cơ ùn tắc "
            f"giao thông, cháy nổ và các loại tội phạm lợi dụng đám đông để hoạt động."
        )
        w.add(
            f"Bộ Công an yêu cầu Công an các địa phương {w.c(_TASKS)}. Lực lượng Cảnh sát giao thông tăng cường "
            f"tuần tra, kiểm soát, xử lý nghiêm vi phạm về nồng độ cồn, tốc độ, chở quá số người quy định."
        )
        w.add(
            f"Tại các địa bàn du lịch trọng điểm như {w.pb(pv1)}, {w.pb(pv2)}, Công an địa phương phải bố trí lực "
            f"lượng thường trực, kịp thời tiếp nhận, giải quyết tin báo của người dân và du khách."
        )

    def duty() -> str:
        return (
            "Các đơn vị phải duy trì nghiêm chế độ trực chỉ huy, trực ban, báo cáo kịp thời về Bộ (qua Văn phòng "
            "Bộ Công an) những vụ việc phức tạp phát sinh."
        )

    def fire() -> str:
        return (
            "Lực lượng Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ sẵn sàng phương tiện, trang thiết bị, "
            "xử lý hiệu quả các tình huống cháy, nổ, sự cố xảy ra."
        )

    def basis() -> str:
        return (
            f"Công điện được ban hành nhằm thực hiện nghiêm {w.doc(5)}, đồng thời bảo đảm tính chủ động của toàn "
            f"lực lượng."
        )

    _fill(w, [duty, fire, basis], 4, 7)


# ============================================================================ Thông tin đối ngoại

_FIELDS = (
    "phòng, chống tội phạm xuyên quốc gia",
    "phòng, chống mua bán người",
    "phòng, chống tội phạm công nghệ cao",
    "đào tạo cán bộ",
    "phòng, chống rửa tiền",
    "quản lý xuất nhập cảnh",
    "phòng cháy, chữa cháy",
)


def _dn_delegation(w: _W) -> None:
    """A deputy minister receives a Lao or Cambodian delegation."""
    lao = w.chance(0.5)
    guest = w.foreign_lao() if lao else w.foreign_khmer()
    org = "Bộ An ninh Lào" if lao else "Tổng cục Cảnh sát quốc gia Campuchia"
    country = "Lào" if lao else "Campuchia"
    dep = w.deputy()
    head = w.cuc(True, "Cục Đối ngoại")
    hn = _BY_CANON["Hà Nội"]
    k = w.n(0, 2)
    if k == 0:
        w.set_title(f"Hội đàm thường niên lần thứ {w.n(5, 20)} với {org}")
    elif k == 1:
        w.set_title(f"Tăng cường hợp tác {w.c(_FIELDS)} với {org}")
    else:
        w.set_title(f"Việt Nam - {country} thúc đẩy hợp tác {w.c(_FIELDS)}")
    w.set_lead(
        f"{w.when(w.n(0, 2), cap=True)}, tại {w.pb(hn)}, {w.who(dep)} đã tiếp Đoàn đại biểu {org} do "
        f"{w.who(guest)} làm Trưởng đoàn, nhân dịp Đoàn sang thăm và làm việc tại Việt Nam."
    )
    w.add(
        f"Tham dự buổi tiếp có {w.who(head)} cùng đại diện lãnh đạo một số đơn vị chức năng thuộc Bộ Công an."
    )
    w.add(
        f"Tại buổi tiếp, {w.who(dep)} nhiệt liệt chào mừng Đoàn và khẳng định mối quan hệ hợp tác giữa lực lượng "
        f"Công an hai nước ngày càng được củng cố, đi vào chiều sâu, thực chất."
    )
    w.add(
        "Hai bên đã trao đổi về tình hình an ninh, trật tự khu vực biên giới, thống nhất tăng cường trao đổi thông "
        "tin, phối hợp đấu tranh với tội phạm ma túy, mua bán người và tội phạm sử dụng công nghệ cao xuyên quốc "
        "gia."
    )
    w.add(
        f"Về phần mình, {w.who(guest)} cảm ơn sự đón tiếp chu đáo của Bộ Công an Việt Nam và mong muốn hai bên tiếp "
        f"tục hợp tác trong công tác đào tạo cán bộ, chia sẻ kinh nghiệm quản lý xuất nhập cảnh."
    )

    def training() -> str:
        return (
            f"Hằng năm, các học viện, trường Công an nhân dân tiếp nhận hàng trăm học viên {country} sang học "
            f"tập, góp phần nâng cao năng lực cho lực lượng bạn."
        )

    def plan() -> str:
        return (
            f"Hai bên nhất trí triển khai hiệu quả {w.doc(4)}, định kỳ tổ chức giao ban, rà soát kết quả thực "
            f"hiện các văn kiện hợp tác đã ký kết."
        )

    def gift() -> str:
        return "Kết thúc buổi tiếp, hai bên đã trao quà lưu niệm và chụp ảnh chung."

    _fill(w, [training, plan, gift], 5, 8)
    w.photo((dep, guest), lambda w, v: f"{_cap(dep.forms[v])} tiếp {guest.forms[v]}.")
    w.photo((dep, guest), lambda w, v: f"{_cap(dep.forms[v])} và {guest.forms[v]} tại buổi hội đàm.")
    w.scene(("Quang cảnh buổi tiếp.", "Toàn cảnh buổi hội đàm."))


def _dn_ambassador(w: _W) -> None:
    """A deputy minister receives a foreign ambassador."""
    amb, country = w.ambassador()
    dep = w.deputy()
    fields = w.r.sample(_FIELDS, 3)
    hn = _BY_CANON["Hà Nội"]
    k = w.n(0, 2)
    if k == 0:
        w.set_title(f"Thúc đẩy hợp tác {fields[0]} giữa Việt Nam và {country}")
    elif k == 1:
        w.set_title(f"Việt Nam và {country} tăng cường hợp tác {fields[0]}")
    else:
        w.set_title(f"Tiếp Đại sứ {country}, trao đổi hợp tác {fields[1]}")
    w.set_lead(f"{w.when(w.n(0, 2), cap=True)}, tại trụ sở Bộ Công an, {w.who(dep)} đã tiếp {w.who(amb)}.")
    w.add(
        f"Tại buổi tiếp, {w.who(dep)} đánh giá cao những đóng góp của {w.who(amb)} trong việc thúc đẩy quan hệ "
        f"giữa hai nước nói chung và hợp tác giữa các cơ quan thực thi pháp luật nói riêng."
    )
    w.add(
        f"Thời gian qua, hai bên đã phối hợp hiệu quả trong lĩnh vực {fields[0]} và {fields[1]}, góp phần bảo đảm an "
        f"ninh, an toàn cho công dân mỗi nước."
    )
    w.add(
        f"{_cap(w.who(dep))} đề nghị hai bên tăng cường trao đổi thông tin, hỗ trợ tư pháp về hình sự, đồng thời mở "
        f"rộng hợp tác trong lĩnh vực {fields[2]}."
    )
    w.add(
        f"{_cap(w.who(amb))} cảm ơn sự hỗ trợ của Bộ Công an đối với cơ quan đại diện và cộng đồng công dân {country} "
        f"đang sinh sống, làm việc tại Việt Nam."
    )

    def citizens() -> str:
        pv = w.c((_BY_CANON["Hồ Chí Minh"], hn, _BY_CANON["Đà Nẵng"], _BY_CANON["Bình Dương"]))
        return (
            f"Đại sứ cho biết, số lượng công dân, doanh nghiệp {country} tại {w.pb(pv)} và các địa phương ngày "
            f"càng tăng, vì vậy mong muốn tiếp tục nhận được sự quan tâm của lực lượng Công an Việt Nam."
        )

    def next_steps() -> str:
        return (
            "Hai bên nhất trí giao các đơn vị chức năng xây dựng kế hoạch hợp tác cụ thể, sớm tổ chức các "
            "chương trình tập huấn chung."
        )

    _fill(w, [citizens, next_steps], 5, 7)
    w.photo((dep, amb), lambda w, v: f"{_cap(dep.forms[v])} tiếp {amb.forms[v]}.")
    w.scene(("Quang cảnh buổi tiếp.", "Toàn cảnh buổi tiếp tại trụ sở Bộ Công an."))


def _dn_border(w: _W) -> None:
    """A border-security liaison conference between Vietnamese and neighbouring police."""
    side = w.n(0, 2)
    pool = (_LAOS_BORDER, _CAMBODIA_BORDER, _CHINA_BORDER)[side]
    neighbour = ("Lào", "Campuchia", "Trung Quốc")[side]
    host, other = w.r.sample(pool, 2)
    d = w.dist(host)
    h_dir = w.director(host)
    o_dir = w.director(other)
    dep = w.deputy()
    guest = w.foreign_lao() if side == 0 else (w.foreign_khmer() if side == 1 else None)
    k = w.n(0, 2)
    if k == 0:
        w.set_title(f"Giao ban an ninh, trật tự biên giới Việt Nam - {neighbour} tại {w.pb(host)}")
    elif k == 1:
        w.set_title(f"Hội nghị giao ban an ninh biên giới Việt Nam - {neighbour} tại {w.pb(host)}")
    else:
        w.set_title(f"Công an {w.pb(host)} và {w.pb(other)} tăng cường phối hợp bảo đảm an ninh biên giới")
    w.set_lead(
        f"{w.when(w.n(0, 3), cap=True)}, tại {w.dl(d)}, {w.pp(host)}, Bộ Công an phối hợp với Công an "
        f"{w.po(host)} tổ chức Hội nghị giao ban công tác bảo đảm an ninh, trật tự khu vực biên giới Việt Nam - "
        f"{neighbour}."
    )
    if guest:
        w.add(f"{_cap(w.who(dep))} và {w.who(guest)} đồng chủ trì Hội nghị.")
    else:
        w.add(f"{_cap(w.who(dep))} chủ trì Hội nghị.")
    w.add(
        f"Dự Hội nghị có {w.who(h_dir)}; {w.who(o_dir)} cùng lãnh đạo Công an các tỉnh có chung đường biên giới."
    )
    w.add(
        f"Theo báo cáo, {w.c(_PERIODS)}, lực lượng chức năng hai bên đã phối hợp điều tra, làm rõ {w.n(10, 120)} vụ "
        f"án, bắt giữ {w.n(20, 300)} đối tượng, trao trả {w.n(5, 80)} công dân qua các cửa khẩu theo đúng quy định."
    )
    w.add(w.direct(dep, "Công an các tỉnh biên giới"))

    def local() -> str:
        return (
            f"Phát biểu tại Hội nghị, {w.who(h_dir)} cho biết Công an {w.pb(host)} đã duy trì cơ chế trao đổi thông "
            f"tin thường xuyên với lực lượng chức năng nước bạn, kịp thời xử lý các vụ việc phát sinh."
        )

    def signing() -> str:
        return "Kết thúc Hội nghị, hai bên đã ký Biên bản ghi nhớ về kế hoạch phối hợp trong thời gian tới."

    def visit() -> str:
        return (
            f"Trước Hội nghị, {w.when(w.n(1, 2), plain=True)}, các đại biểu đã đi thăm, động viên cán bộ, chiến sĩ "
            f"làm nhiệm vụ tại khu vực cửa khẩu."
        )

    _fill(w, [local, signing, visit], 5, 8)
    w.act(dep, "phát biểu tại Hội nghị.")
    w.scene(("Quang cảnh Hội nghị giao ban.", "Toàn cảnh Hội nghị."))


def _dn_international(w: _W) -> None:
    """A ministry delegation attends a regional meeting abroad."""
    conf = w.c(
        (  # (full name, short name for the title, lowest and highest session number)
            (
                "Hội nghị Tư lệnh Cảnh sát các nước ASEAN (ASEANAPOL) lần thứ",
                "Hội nghị ASEANAPOL lần thứ",
                38,
                44,
            ),
            (
                "Hội nghị Bộ trưởng ASEAN về phòng, chống tội phạm xuyên quốc gia (AMMTC) lần thứ",
                "Hội nghị AMMTC lần thứ",
                15,
                19,
            ),
            ("Hội nghị Quan chức cấp cao ASEAN về ma túy (ASOD) lần thứ", "Hội nghị ASOD lần thứ", 40, 45),
        )
    )
    host = w.c(("Indonesia", "Malaysia", "Thái Lan", "Singapore", "Philippines", "Brunei"))
    dep = w.deputy()
    head = w.cuc(True, "Cục Đối ngoại")
    session = w.n(conf[2], conf[3])
    title = f"{conf[0]} {session}"
    if w.chance(0.5):
        w.set_title(f"Đoàn đại biểu Bộ Công an Việt Nam tham dự {conf[1]} {session} tại {host}")
    else:
        w.set_title(f"Việt Nam đề xuất hợp tác {w.c(_FIELDS)} tại {conf[1]} {session}")
    w.set_lead(
        f"Từ {w.when(w.n(3, 5), plain=True)} đến {w.when(w.n(0, 2), plain=True)}, Đoàn đại biểu Bộ Công an Việt "
        f"Nam do {w.who(dep)} làm Trưởng đoàn đã tham dự {title} tại {host}."
    )
    w.add(f"Tham gia Đoàn có {w.who(head)} và đại diện lãnh đạo một số đơn vị nghiệp vụ.")
    w.add(
        "Hội nghị tập trung thảo luận các biện pháp phối hợp đấu tranh với tội phạm xuyên quốc gia, nhất là tội phạm "
        "ma túy, mua bán người, lừa đảo trực tuyến và rửa tiền, vốn đang có xu hướng gia tăng trong khu vực."
    )
    w.add(
        f"Phát biểu tại phiên toàn thể, {w.who(dep)} đề nghị các nước tăng cường chia sẻ thông tin, tương trợ tư "
        f"pháp và phối hợp truy bắt đối tượng truy nã lẩn trốn ở nước ngoài."
    )

    def bilateral() -> str:
        return (
            f"Bên lề Hội nghị, {w.who(dep)} đã có các cuộc tiếp xúc song phương với Trưởng đoàn một số nước, trao "
            f"đổi về các biện pháp bảo vệ công dân và phối hợp xác minh, điều tra các vụ án."
        )

    def outcome() -> str:
        return (
            "Kết thúc Hội nghị, các nước đã thông qua Tuyên bố chung, thống nhất kế hoạch hợp tác trong giai đoạn "
            "tiếp theo."
        )

    def role() -> str:
        return (
            "Việc tham dự Hội nghị tiếp tục khẳng định vai trò chủ động, tích cực và trách nhiệm của Việt Nam trong "
            "các cơ chế hợp tác an ninh khu vực."
        )

    _fill(w, [bilateral, outcome, role], 4, 7)
    w.act(dep, "phát biểu tại phiên toàn thể Hội nghị.")
    w.scene(("Các Trưởng đoàn chụp ảnh chung tại Hội nghị.", "Trưởng đoàn các nước chụp ảnh lưu niệm."))


# ============================================================================ Tin an ninh trật tự


def _an_drugs(w: _W) -> None:
    """A drug trafficking arrest."""
    pv = w.prov()
    d = w.dist(pv, warded=True)
    other = w.prov()
    s1 = w.resident(pv, "đối tượng")
    s2 = w.resident(other, "đối tượng") if w.chance(0.6) else None
    head = w.unit_head(pv, "Phòng Cảnh sát điều tra tội phạm về ma túy")
    drug, qty = w.c(
        (
            ("bánh heroin", w.n(2, 40)),
            ("kg ma túy tổng hợp", w.n(2, 30)),
            ("viên ma túy tổng hợp", _num(w.n(2, 30) * 1000)),
        )
    )
    n_sus = 2 if s2 else 1
    k = w.n(0, 2)
    if k == 0:
        w.set_title(f"Công an {w.po(pv)} bắt {_NUM[n_sus - 1]} đối tượng, thu giữ {qty} {drug}")
    elif k == 1:
        w.set_title(f"Bắt quả tang đối tượng vận chuyển {qty} {drug} tại {w.pb(pv)}")
    else:
        w.set_title(f"Triệt phá đường dây mua bán trái phép chất ma túy, thu giữ {qty} {drug}")
    w.set_lead(
        f"{w.when(w.n(0, 3), cap=True)}, Công an {w.po(pv)} cho biết, Phòng Cảnh sát điều tra tội phạm về ma "
        f"túy vừa phối hợp với các đơn vị chức năng bắt quả tang {w.who(s1)} khi đang vận chuyển trái phép "
        f"{qty} {drug}."
    )
    w.add(
        "Trước đó, qua công tác nắm tình hình, lực lượng chức năng phát hiện một nhóm đối tượng có biểu hiện nghi "
        "vấn, thường xuyên thay đổi phương tiện và số điện thoại để giao nhận hàng cấm. Ban Chuyên án đã được thành "
        "lập để đấu tranh, làm rõ."
    )
    ward = w.c(d.wards) if d.wards else None
    spot = f"{w.wl(d, ward)}, " if ward else ""
    w.add(
        f"Khoảng {w.n(1, 23)}h{w.c(('', '15', '30', '45'))} {w.when(w.n(1, 6), plain=True)}, tại khu vực thuộc {spot}"
        f"{w.dl(d)}, tổ công tác phát hiện {w.who(s1)} điều khiển xe máy có biểu hiện nghi vấn nên yêu cầu dừng "
        f"xe kiểm tra. Trong cốp xe, lực lượng chức năng thu giữ toàn bộ số ma túy nói trên."
    )
    if s2:
        w.add(
            f"Mở rộng điều tra, Ban Chuyên án tiếp tục bắt giữ {w.who(s2)}, là người giao ma túy cho "
            f"{w.who(s1)} để vận chuyển về {w.pb(pv)} tiêu thụ."
        )
    w.add(
        f"Tại cơ quan Công an, {w.who(s1)} đã khai nhận toàn bộ hành vi phạm tội của mình. Hiện Cơ quan Cảnh sát điều "
        f"tra Công an {pv.kw} đã khởi tố vụ án, khởi tố bị can về tội “Vận chuyển trái phép chất ma túy”, tiếp tục "
        f"mở rộng điều tra."
    )

    def quote() -> str:
        return (
            f"Theo {w.who(head)}, các đối tượng hoạt động rất tinh vi, thường lợi dụng đêm tối, đường mòn, lối mở "
            f"để vận chuyển ma túy, gây nhiều khó khăn cho công tác phát hiện, bắt giữ."
        )

    def stats() -> str:
        return (
            f"{_cap(w.c(_PERIODS))}, Công an {pv.kw} đã phát hiện, bắt giữ {w.n(40, 400)} vụ, {w.n(60, 600)} đối "
            f"tượng phạm tội về ma túy."
        )

    _fill(w, [quote, stats], 4, 8)
    w.act(s1, w.c(("cùng tang vật tại cơ quan Công an.", "và số ma túy bị thu giữ.")))
    w.scene(("Tang vật vụ án.", "Số ma túy lực lượng chức năng thu giữ."))


_TRICKS = (
    ("giả danh cán bộ Công an gọi điện yêu cầu cài đặt ứng dụng", "giả danh cán bộ Công an"),
    ("tuyển cộng tác viên làm nhiệm vụ trực tuyến để hưởng hoa hồng", "tuyển cộng tác viên online"),
    ("giả mạo nhân viên ngân hàng hỗ trợ nâng hạn mức thẻ tín dụng", "giả mạo nhân viên ngân hàng"),
    ("rủ rê đầu tư tiền ảo với lời hứa lợi nhuận cao", "lôi kéo đầu tư tiền ảo"),
    ("giả danh nhân viên điện lực thông báo cắt điện", "giả danh nhân viên điện lực"),
)


def _an_fraud(w: _W) -> None:
    """An online fraud arrest, with a warning to residents."""
    pv = w.prov()
    hide = w.prov()
    trick, short = w.c(_TRICKS)
    victim = w.resident(pv, age=(30, 70))
    s1 = w.resident(hide, "đối tượng")
    head = w.unit_head(pv, "Phòng An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao")
    money = f"{w.n(1, 9)},{w.n(1, 9)} tỷ đồng" if w.chance(0.5) else f"{w.n(2, 9)}00 triệu đồng"
    k = w.n(0, 2)
    if k == 0:
        w.set_title(f"Bắt đối tượng {short}, chiếm đoạt hơn {money}")
    elif k == 1:
        w.set_title(f"Công an {w.po(pv)} cảnh báo thủ đoạn {short}")
    else:
        w.set_title(f"Khởi tố đối tượng lừa đảo qua mạng, chiếm đoạt tài sản tại {w.pb(pv)}")
    w.set_lead(
        f"Công an {w.po(pv)} vừa bắt giữ {w.who(s1)} để điều tra về hành vi lừa đảo chiếm đoạt tài sản với "
        f"thủ đoạn {trick}."
    )
    w.add(
        f"{w.when(w.n(8, 25), plain=True, cap=True)}, Công an {pv.kw} tiếp nhận đơn trình báo của {w.who(victim)} "
        f"về việc bị một đối tượng lạ lừa chiếm đoạt hơn {money}."
    )
    w.add(
        f"Theo trình báo, {w.who(victim)} nhận được cuộc gọi từ một số điện thoại lạ. Đối tượng tạo lòng tin bằng "
        f"cách đọc chính xác thông tin cá nhân, sau đó hướng dẫn chuyển tiền vào nhiều tài khoản khác nhau."
    )
    w.add(
        f"Vào cuộc xác minh, lực lượng chức năng xác định đối tượng đang lẩn trốn tại {w.pb(hide)}. "
        f"{w.when(w.n(0, 4), plain=True, cap=True)}, tổ công tác đã bắt giữ {w.who(s1)} khi đối tượng chuẩn bị "
        f"rời khỏi nơi ở."
    )
    w.add(
        "Qua đây, cơ quan Công an khuyến cáo người dân không cung cấp thông tin cá nhân, mã OTP cho người lạ; không "
        "cài đặt ứng dụng theo đường link lạ. Khi phát hiện dấu hiệu lừa đảo, cần báo ngay cho cơ quan Công an gần "
        "nhất."
    )

    def quote() -> str:
        return (
            f"Theo {w.who(head)}, thủ đoạn của các đối tượng ngày càng tinh vi, thường nhắm vào người cao tuổi, "
            f"người ít tiếp cận công nghệ; nhiều trường hợp chỉ phát hiện bị lừa khi tài khoản đã bị rút hết tiền."
        )

    def accounts() -> str:
        return (
            f"Cơ quan điều tra đã phong tỏa {w.n(3, 30)} tài khoản ngân hàng liên quan, đang tiếp tục làm rõ vai trò "
            f"của những người đứng tên các tài khoản này."
        )

    def others() -> str:
        return (
            "Cơ quan Công an đề nghị ai là bị hại của đối tượng liên hệ cơ quan điều tra để được hướng dẫn giải "
            "quyết theo quy định."
        )

    _fill(w, [quote, accounts, others], 5, 8)
    w.act(s1, "tại cơ quan Công an.")
    w.scene(("Lực lượng chức năng làm việc với đối tượng.", "Cơ quan Công an lấy lời khai đối tượng."))


def _an_traffic(w: _W) -> None:
    """A drink-driving enforcement drive."""
    pv = w.prov()
    d = w.dist(pv)
    head = w.unit_head(pv, "Phòng Cảnh sát giao thông")
    driver = w.resident(pv, "tài xế", age=(25, 58))
    total = _num(w.n(300, 4000))
    days = w.n(7, 30)
    k = w.n(0, 1)
    if k == 0:
        w.set_title(f"Công an {w.po(pv)} xử lý hơn {total} trường hợp vi phạm nồng độ cồn")
    else:
        w.set_title(f"{w.pb(pv)}: Xử lý nghiêm người điều khiển phương tiện có nồng độ cồn trong hơi thở")
    w.set_lead(
        f"Trong đợt cao điểm {w.span(w.n(0, 3), days)}, lực lượng Cảnh sát giao thông Công an {w.po(pv)} đã "
        f"phát hiện, xử lý hơn {total} trường hợp vi phạm về nồng độ cồn."
    )
    w.add(
        f"Theo {w.who(head)}, các tổ công tác được bố trí linh hoạt về thời gian, địa điểm, tập trung vào khung giờ "
        f"buổi trưa và buổi tối, trên các tuyến đường có mật độ phương tiện cao."
    )
    w.add(
        f"Trong số các trường hợp vi phạm có {w.n(50, 400)} người điều khiển ô tô, còn lại là người điều khiển mô tô, "
        f"xe máy. Tổng số tiền phạt hơn {w.n(2, 30)} tỷ đồng; lực lượng chức năng đã tạm giữ {w.n(100, 900)} phương tiện."
    )
    w.add(
        f"Điển hình, {w.when(w.n(1, 5), plain=True)}, tổ công tác Công an {w.dl(d)} dừng xe kiểm tra {w.who(driver)}"
        f" đang điều khiển xe ô tô, kết quả đo nồng độ cồn ở mức 0,{w.n(45, 95)} miligam/lít khí thở, vượt mức cao "
        f"nhất theo quy định."
    )

    def accidents() -> str:
        return (
            f"Nhờ xử lý quyết liệt, số vụ tai nạn giao thông trên địa bàn giảm {w.n(5, 25)}% so với cùng kỳ, không "
            f"để xảy ra tai nạn đặc biệt nghiêm trọng."
        )

    def advice() -> str:
        return (
            "Lực lượng Cảnh sát giao thông khuyến cáo người dân “Đã uống rượu, bia không lái xe”, chủ động sử "
            "dụng dịch vụ vận tải khi tham gia các bữa tiệc."
        )

    def plan() -> str:
        return (
            f"Thời gian tới, Công an {pv.kw} tiếp tục duy trì tuần tra, kiểm soát, xử lý vi phạm về nồng độ cồn "
            f"“không có vùng cấm, không có ngoại lệ”."
        )

    _fill(w, [accidents, advice, plan], 4, 7)
    w.scene(
        (
            "Cảnh sát giao thông kiểm tra nồng độ cồn người điều khiển phương tiện.",
            "Lực lượng chức năng kiểm tra nồng độ cồn đối với tài xế.",
        )
    )


def _an_wanted(w: _W) -> None:
    """The arrest of a wanted fugitive hiding in another province."""
    pv = w.prov()
    d = w.dist(pv)
    hide = w.prov()
    hd = w.dist(hide)
    crime = w.c(
        (
            "Giết người",
            "Cố ý gây thương tích",
            "Cướp tài sản",
            "Lừa đảo chiếm đoạt tài sản",
            "Mua bán trái phép chất ma túy",
        )
    )
    s1 = w.resident(pv, "đối tượng", d=d)
    head = w.unit_head(pv, "Phòng Cảnh sát hình sự")
    street = w.c(_STREETS)
    if w.chance(0.5):
        w.set_title(f"Bắt đối tượng truy nã sau nhiều năm lẩn trốn tại {w.pb(hide)}")
    else:
        w.set_title(f"Công an {w.po(pv)} bắt giữ đối tượng truy nã đặc biệt nguy hiểm")
    w.set_lead(
        f"{w.when(w.n(0, 3), cap=True)}, Công an {w.po(pv)} cho biết, đơn vị vừa bắt giữ {w.who(s1)}, đối "
        f"tượng bị truy nã về tội “{crime}”."
    )
    w.add(
        f"Theo hồ sơ, {w.who(s1)} bị Cơ quan Cảnh sát điều tra Công an {w.dl(d)} ra quyết định truy nã. Sau khi gây "
        f"án, đối tượng bỏ trốn khỏi địa phương, thường xuyên thay đổi tên tuổi, nơi ở để lẩn tránh."
    )
    addr = f"số {w.n(2, 280)} đường {street}" if w.chance(0.5) else f"số {w.n(2, 280)} {street}"
    w.add(
        f"Qua công tác trinh sát, Phòng Cảnh sát hình sự phát hiện đối tượng đang thuê trọ tại căn nhà {addr}, "
        f"{w.dl(hd)}, {w.pp(hide)}. Ngay lập tức, tổ công tác đã phối hợp với Công an địa phương nơi đối tượng lẩn "
        f"trốn tổ chức vây bắt."
    )
    w.add(
        f"Khoảng {w.n(5, 21)}h {w.when(w.n(1, 4), plain=True)}, khi đối tượng vừa ra khỏi nhà, lực lượng chức năng "
        f"đã ập vào khống chế, bắt giữ. Hiện đối tượng đã được di lý về địa phương để tiếp tục xử lý theo quy định."
    )

    def quote() -> str:
        return (
            f"Theo {w.who(head)}, việc bắt giữ thành công đối tượng là kết quả của quá trình theo dõi lâu dài, có "
            f"sự phối hợp chặt chẽ giữa Công an hai địa phương."
        )

    def campaign() -> str:
        return (
            f"{_cap(w.c(_PERIODS))}, Công an {pv.kw} đã bắt, vận động đầu thú {w.n(20, 200)} đối tượng truy nã, "
            f"trong đó có {w.n(2, 20)} đối tượng truy nã đặc biệt nguy hiểm."
        )

    def appeal() -> str:
        return (
            "Cơ quan Công an kêu gọi các đối tượng đang bị truy nã sớm ra đầu thú để được hưởng chính sách khoan "
            "hồng của pháp luật."
        )

    _fill(w, [quote, campaign, appeal], 4, 7)
    w.act(s1, "tại thời điểm bị bắt giữ.")


# ============================================================================ Người tốt, việc tốt


def _tt_rescue(w: _W) -> None:
    """An officer saves people from drowning or fire."""
    pv = w.prov()
    d = w.dist(pv, warded=True)
    in_title = w.chance(0.5)
    hero = w.officer(pv, d, with_post=not in_title)
    victim = w.resident(pv, "em", age=(8, 16), d=d) if w.chance(0.6) else None
    director = w.director(pv)
    danger = w.c(("đuối nước", "mắc kẹt trong đám cháy", "bị nước lũ cuốn trôi"))
    if in_title:
        w.set_title(f"{w.who(hero)} dũng cảm cứu người {danger} tại {w.pb(pv)}")
    else:
        w.set_title(f"Cán bộ Công an {w.dl(d)} kịp thời cứu người {danger}")
    w.set_lead(
        f"Không quản nguy hiểm, {w.who(hero)} đã kịp thời cứu sống một người {danger}, được người dân địa "
        f"phương hết lời khen ngợi."
    )
    unit = f"Công an {w.wl(d, w.c(d.wards))}, {w.dl(d)}" if d.wards else f"Công an {w.dl(d)}"
    if in_title:
        w.add(f"{_cap(w.who(hero))} hiện công tác tại {unit}.")
    else:
        w.add(f"Được biết, đơn vị của {w.who(hero)} là {unit}, phụ trách địa bàn có nhiều sông, kênh rạch.")
    if victim:
        w.add(
            f"Khoảng {w.n(7, 19)}h {w.when(w.n(1, 5), plain=True)}, trên đường đi công tác về, {w.who(hero)} phát "
            f"hiện {w.who(victim)} đang gặp nạn, nhiều người dân đứng trên bờ hô hoán nhưng không ai dám tiếp cận."
        )
    else:
        w.add(
            f"Khoảng {w.n(7, 19)}h {w.when(w.n(1, 5), plain=True)}, trên đường đi công tác về, {w.who(hero)} phát "
            f"hiện một người đang gặp nạn, nhiều người dân đứng xung quanh hô hoán nhưng không ai dám tiếp cận."
        )
    w.add(
        f"Không chần chừ, {w.who(hero)} nhanh chóng cởi bỏ quân phục, lao đến đưa người bị nạn vào nơi an toàn, "
        f"sơ cứu rồi cùng người dân đưa đến trạm y tế gần nhất. Đến nay, sức khỏe của nạn nhân đã ổn định."
    )

    def reward() -> str:
        return (
            f"Ghi nhận hành động dũng cảm, {w.who(director)} đã ký quyết định tặng Giấy khen cho {w.who(hero)}. "
            f"Trước đó, Ban Thường vụ Trung ương {_TRAP_ORGS[1]} cũng xem xét tặng Huy hiệu “Tuổi trẻ dũng cảm”."
        )

    def family() -> str:
        return (
            "Gia đình người bị nạn đã đến cơ quan Công an gửi lời cảm ơn, bày tỏ sự xúc động trước việc làm của "
            "người chiến sĩ Công an."
        )

    def example() -> str:
        return (
            "Hành động đẹp của người chiến sĩ Công an trẻ đã góp phần lan tỏa hình ảnh người Công an nhân dân "
            "“Vì nước quên thân, vì dân phục vụ”."
        )

    _fill(w, [reward, family, example], 4, 7)
    w.act(hero, "nhận Giấy khen của lãnh đạo Công an tỉnh.")


def _tt_lost_property(w: _W) -> None:
    """Police or a citizen return lost property to its owner."""
    pv = w.prov()
    d = w.dist(pv, warded=True)
    ward = w.c(d.wards) if d.wards else None
    finder_is_officer = w.chance(0.5)
    finder = w.officer(pv, d, with_post=False) if finder_is_officer else w.resident(pv, age=(18, 60), d=d)
    owner = w.resident(w.prov(), age=(22, 65))
    chief = w.commune_chief(d, ward) if ward else w.district_chief(d)
    what = w.c(
        (
            f"một chiếc ví bên trong có {w.n(5, 60)} triệu đồng cùng nhiều giấy tờ tùy thân",
            f"một túi xách chứa {w.n(2, 9)} chỉ vàng và {w.n(3, 30)} triệu đồng",
            f"một chiếc điện thoại di động và {w.n(5, 40)} triệu đồng tiền mặt",
        )
    )
    if finder_is_officer:
        w.set_title(f"{w.who(finder)} trả lại tài sản có giá trị cho người đánh rơi")
    else:
        w.set_title(f"Người dân {w.pb(pv)} giao nộp tài sản nhặt được cho Công an")
    place = f"Công an {w.wl(d, ward)}" if ward else f"Công an {w.dl(d)}"
    w.set_lead(f"{w.when(w.n(0, 2), cap=True)}, {place} đã tổ chức trao trả {what} cho người đánh rơi.")
    w.add(
        f"Trước đó, {w.when(w.n(2, 6), plain=True)}, trong lúc đi trên đường, {w.who(finder)} phát hiện {what} bị "
        f"đánh rơi bên lề đường."
    )
    if finder_is_officer:
        w.add(
            f"Ngay sau đó, {w.who(finder)} đã mang tài sản về đơn vị báo cáo, đồng thời thông báo trên các nhóm "
            f"mạng xã hội của địa phương để tìm người đánh rơi."
        )
    else:
        w.add(
            f"{_cap(w.who(finder))} đã mang toàn bộ tài sản đến trụ sở Công an giao nộp, nhờ cơ quan Công an tìm "
            f"người đánh rơi để trả lại."
        )
    w.add(
        f"Qua xác minh, cơ quan Công an xác định chủ sở hữu số tài sản trên là {w.who(owner)}. Sau khi kiểm tra "
        f"giấy tờ, đơn vị đã mời {w.who(owner)} đến nhận lại tài sản."
    )

    def thanks() -> str:
        return (
            f"Nhận lại tài sản, {w.who(owner)} xúc động gửi lời cảm ơn đến {w.who(finder)} và lực lượng Công an "
            f"đã giúp đỡ tận tình."
        )

    def praise() -> str:
        return (
            f"{_cap(w.who(chief))} biểu dương việc làm đẹp, thể hiện tinh thần trung thực, đáng để mọi người "
            f"noi theo."
        )

    def spread() -> str:
        return (
            "Những việc làm tử tế như vậy góp phần lan tỏa lối sống đẹp trong cộng đồng, củng cố niềm tin của "
            "nhân dân đối với lực lượng Công an."
        )

    _fill(w, [thanks, praise, spread], 3, 6)
    w.photo((finder, owner), lambda w, v: f"{_cap(finder.forms[v])} trao trả tài sản cho {owner.forms[v]}.")


def _tt_help(w: _W) -> None:
    """Traffic police help a woman in labour or residents stranded by floods."""
    pv = w.prov()
    d = w.dist(pv, warded=True)
    o1 = w.officer(pv, d)
    o2 = w.officer(pv, d)
    labour = w.chance(0.5)
    if labour:
        mum = w.resident(pv, "chị", age=(20, 38), d=d)
        w.set_title(f"Cảnh sát giao thông {w.pb(pv)} kịp thời đưa sản phụ chuyển dạ đi cấp cứu")
        w.set_lead(
            f"{w.when(w.n(0, 3), cap=True)}, trong lúc làm nhiệm vụ, tổ công tác Công an {w.dl(d)} đã kịp thời "
            f"đưa một sản phụ chuyển dạ đến bệnh viện an toàn."
        )
        w.add(
            f"Tổ công tác gồm {w.who(o1)} và {w.who(o2)} đang tuần tra thì phát hiện một người đàn ông vẫy xe cầu "
            f"cứu, cho biết vợ chuyển dạ nhưng xe bị hỏng giữa đường."
        )
        w.add(
            f"Nhận thấy tình hình khẩn cấp, {w.who(o1)} nhanh chóng dùng xe đặc chủng mở đường, đưa {w.who(mum)} đến "
            f"bệnh viện. Nhờ được cấp cứu kịp thời, mẹ tròn con vuông."
        )
    else:
        w.set_title(f"Công an {w.dl(d)} giúp người dân vượt qua mưa lũ")
        w.set_lead(
            f"Những ngày mưa lớn kéo dài, lực lượng Công an {w.dl(d)}, {w.pp(pv)} đã có mặt tại các điểm ngập "
            f"sâu, hỗ trợ người dân di chuyển tài sản, sơ tán đến nơi an toàn."
        )
        w.add(
            f"{w.when(w.n(0, 3), plain=True, cap=True)}, {w.who(o1)} cùng đồng đội đã dùng xuồng đưa {w.n(12, 80)} "
            f"hộ dân ra khỏi vùng ngập, chuyển đồ đạc lên nơi cao ráo."
        )
        w.add(
            f"Tại những đoạn đường ngập sâu, {w.who(o2)} và các chiến sĩ túc trực suốt đêm, căng dây, cắm biển cảnh "
            f"báo, hướng dẫn người dân không đi qua khu vực nguy hiểm."
        )

    def thanks() -> str:
        return (
            "Người dân địa phương bày tỏ sự cảm kích trước tinh thần trách nhiệm, sẵn sàng giúp đỡ nhân dân của "
            "các chiến sĩ Công an."
        )

    def leader() -> str:
        chief = w.district_chief(d)
        return (
            f"{_cap(w.who(chief))} cho biết, đơn vị luôn yêu cầu cán bộ, chiến sĩ khi làm nhiệm vụ phải sẵn sàng "
            f"hỗ trợ người dân trong mọi tình huống."
        )

    def spread() -> str:
        return (
            "Hình ảnh đẹp của các chiến sĩ đã được người dân ghi lại, chia sẻ rộng rãi trên mạng xã hội và nhận "
            "được nhiều lời khen ngợi."
        )

    _fill(w, [thanks, leader, spread], 4, 7)
    w.act(o1, "hỗ trợ người dân." if not labour else "hỗ trợ đưa sản phụ đi cấp cứu.")


# ============================================================================ Hoạt động xã hội


def _xh_gifts(w: _W) -> None:
    """Police visit and give presents to families in difficulty."""
    pv = w.prov()
    d = w.dist(pv)
    leader = w.director(pv, deputy=True)
    dciv = w.district_civil(d)
    mother = w.name(True)[0]
    mum = _P(mother, None, (), honor="Mẹ Việt Nam Anh hùng", bare_short=False)
    n_gifts, value = w.n(50, 400), _num(w.n(5, 20) * 100)
    if w.chance(0.5):
        w.set_title(f"Công an {w.po(pv)} thăm, tặng quà gia đình chính sách tại {w.dl(d)}")
    else:
        w.set_title(f"Trao {n_gifts} suất quà cho gia đình chính sách, hộ khó khăn ở {w.pb(pv)}")
    w.set_lead(
        f"{w.when(w.n(0, 3), cap=True)}, Đoàn công tác Công an {w.po(pv)} do {w.who(leader)} làm Trưởng đoàn "
        f"đã đến thăm, tặng quà các gia đình chính sách, hộ nghèo trên địa bàn {w.dl(d)}."
    )
    w.add(
        f"Tại buổi trao quà, Đoàn đã trao tặng {n_gifts} suất quà, mỗi suất trị giá {value} nghìn đồng, gồm tiền "
        f"mặt và nhu yếu phẩm. Kinh phí do cán bộ, chiến sĩ Công an {pv.kw} đóng góp cùng sự chung tay của các nhà "
        f"hảo tâm."
    )
    w.add(
        f"Thăm hỏi {w.who(mum)}, {w.who(leader)} bày tỏ lòng biết ơn sâu sắc đối với những hy sinh to lớn của Mẹ và "
        f"gia đình, chúc Mẹ luôn mạnh khỏe, sống vui cùng con cháu."
    )
    w.add(
        f"Thay mặt chính quyền địa phương, {w.who(dciv)} cảm ơn tình cảm của lực lượng Công an, cho biết những "
        f"phần quà tuy không lớn nhưng là nguồn động viên kịp thời giúp các gia đình vượt qua khó khăn."
    )

    def tradition() -> str:
        w.dates.append("19/8/1945")
        return (
            "Hoạt động nằm trong chuỗi chương trình hướng tới kỷ niệm Ngày truyền thống Công an nhân dân "
            "(19/8/1945), thể hiện đạo lý “Uống nước nhớ nguồn” của dân tộc."
        )

    def more() -> str:
        return (
            f"Cùng ngày, Đoàn cũng đến thăm, tặng quà {w.n(3, 15)} cán bộ Công an hưu trí có hoàn cảnh khó khăn, "
            f"thương binh đang sinh sống trên địa bàn."
        )

    def commit() -> str:
        return (
            "Công an tỉnh cam kết tiếp tục đồng hành cùng địa phương trong các chương trình an sinh xã hội, giúp "
            "đỡ người có công với cách mạng."
        )

    _fill(w, [tradition, more, commit], 4, 7)
    w.act(leader, "trao quà cho các gia đình chính sách.")
    w.photo((leader, mum), lambda w, v: f"{_cap(leader.forms[v])} thăm hỏi {mum.forms[v]}.")


def _xh_house(w: _W) -> None:
    """Police hand over a charity house to a poor family."""
    pv = w.prov()
    d = w.dist(pv, warded=True)
    ward = w.c(d.wards) if d.wards else None
    leader = w.director(pv, deputy=True)
    owner = w.resident(pv, age=(35, 70), d=d)
    local = w.commune_civil(d, ward) if ward else w.district_civil(d)
    cost, share = w.n(8, 16) * 10, w.n(4, 7) * 10
    if w.chance(0.5):
        w.set_title(f"Công an {w.po(pv)} trao nhà tình nghĩa cho hộ nghèo ở {w.dl(d)}")
    else:
        w.set_title(f"Niềm vui nhà mới của hộ nghèo ở {w.pb(pv)} nhờ lực lượng Công an")
    w.set_lead(
        f"{w.when(w.n(0, 3), cap=True)}, Công an {w.po(pv)} tổ chức bàn giao nhà tình nghĩa cho gia đình "
        f"{w.who(owner)}."
    )
    w.add(
        f"Ngôi nhà có diện tích {w.n(50, 90)} m², tổng kinh phí xây dựng khoảng {cost} triệu đồng, trong đó Công an "
        f"{pv.kw} hỗ trợ {share} triệu đồng, phần còn lại do gia đình và người thân đóng góp."
    )
    w.add(
        f"Theo {w.who(local)}, gia đình thuộc diện hộ nghèo, nhiều năm phải sống trong căn nhà tạm bợ, xuống cấp, "
        f"mỗi mùa mưa bão đều phải đi ở nhờ."
    )
    w.add(
        f"Phát biểu tại buổi bàn giao, {w.who(leader)} mong muốn ngôi nhà mới sẽ giúp gia đình ổn định cuộc sống, "
        f"yên tâm lao động, sản xuất, vươn lên thoát nghèo."
    )

    def grateful() -> str:
        return (
            f"Nhận bàn giao nhà mới, {w.who(owner)} không giấu được niềm xúc động, gửi lời cảm ơn cán bộ, chiến sĩ "
            f"Công an đã giúp gia đình có được mái ấm khang trang."
        )

    def labour() -> str:
        return (
            "Trong quá trình xây dựng, đoàn viên thanh niên Công an đã tham gia hàng trăm ngày công lao động, vận "
            "chuyển vật liệu, dọn dẹp mặt bằng."
        )

    def program() -> str:
        return (
            f"{_cap(w.c(_PERIODS))}, Công an {pv.kw} đã xây dựng, sửa chữa {w.n(10, 60)} căn nhà cho hộ nghèo, "
            f"gia đình chính sách trên địa bàn."
        )

    _fill(w, [grateful, labour, program], 4, 7)
    w.photo(
        (leader, owner),
        lambda w, v: f"{_cap(leader.forms[v])} trao quyết định bàn giao nhà cho {owner.forms[v]}.",
    )
    w.scene(("Ngôi nhà tình nghĩa được bàn giao.", "Ngôi nhà mới của gia đình."))


def _xh_blood(w: _W) -> None:
    """Young police officers donate blood."""
    pv = w.prov()
    secretary_name, _ = w.name()
    sec = _P(
        secretary_name,
        w.c(("Trung tá", "Thiếu tá", "Thượng tá")),
        (f"Bí thư Đoàn Thanh niên Công an {pv.kw}",),
        title="Bí thư Đoàn",
    )
    units = w.n(150, 900)
    if w.chance(0.5):
        w.set_title(f"Tuổi trẻ Công an {w.po(pv)} hiến {units} đơn vị máu cứu người")
    else:
        w.set_title(f"Đoàn viên thanh niên Công an {w.pb(pv)} tham gia hiến máu tình nguyện")
    w.set_lead(
        f"{w.when(w.n(0, 3), cap=True)}, Đoàn Thanh niên Công an {w.po(pv)} phối hợp với bệnh viện tổ chức "
        f"Ngày hội hiến máu tình nguyện, thu về {units} đơn vị máu."
    )
    w.add(
        f"Ngày hội thu hút đông đảo đoàn viên thanh niên, học viên và người dân tham gia, hưởng ứng phong trào do "
        f"{_TRAP_ORGS[1]} phát động."
    )
    w.add(
        f"Theo {w.who(sec)}, nhiều đoàn viên đã nhiều lần hiến máu, có người tham gia trên {w.n(8, 25)} lần. Trước "
        f"ngày hội, các chi đoàn đã tuyên truyền để mọi người hiểu rõ ý nghĩa của việc hiến máu cứu người."
    )
    w.add(
        "Toàn bộ số máu tiếp nhận được chuyển về ngân hàng máu của bệnh viện, phục vụ cấp cứu và điều trị cho người "
        "bệnh."
    )

    def donor() -> str:
        d = w.dist(pv)
        o = w.officer(pv, d)
        return (
            f"{_cap(w.who(o))} chia sẻ, mỗi giọt máu cho đi là một cách để người chiến sĩ Công an góp phần sẻ chia "
            f"với cộng đồng."
        )

    def tradition() -> str:
        return (
            "Hoạt động hiến máu đã trở thành việc làm thường xuyên của tuổi trẻ Công an, được duy trì nhiều năm "
            "qua."
        )

    _fill(w, [donor, tradition], 4, 6)
    w.scene(
        ("Đoàn viên thanh niên tham gia hiến máu tình nguyện.", "Cán bộ, chiến sĩ trẻ hiến máu tại ngày hội.")
    )


def _xh_scholarship(w: _W) -> None:
    """Police give scholarships to pupils in difficulty."""
    pv = w.prov()
    d = w.dist(pv)
    leader = w.director(pv, deputy=True)
    school = w.c(_SCHOOLS)
    pupil_name, fem = w.name()
    pupil = _P(pupil_name, None, (f"học sinh lớp {w.n(6, 9)} {school}",), honor="em")
    n, value = w.n(20, 200), w.n(1, 5)
    if w.chance(0.5):
        w.set_title(f"Công an {w.po(pv)} trao học bổng “Nâng bước em tới trường” cho học sinh nghèo")
    else:
        w.set_title(f"Trao {n} suất học bổng cho học sinh có hoàn cảnh khó khăn tại {w.dl(d)}")
    w.set_lead(
        f"{w.when(w.n(0, 4), cap=True)}, Công an {w.po(pv)} tổ chức trao {n} suất học bổng cho học sinh có "
        f"hoàn cảnh khó khăn, vượt khó học giỏi trên địa bàn {w.dl(d)}."
    )
    w.add(
        f"Mỗi suất học bổng trị giá {value} triệu đồng, kèm theo sách vở, đồ dùng học tập. Đây là hoạt động được "
        f"Công an {pv.kw} duy trì thường xuyên vào dịp đầu năm học."
    )
    w.add(
        f"Phát biểu tại buổi lễ, {w.who(leader)} động viên các em cố gắng vượt qua khó khăn, chăm ngoan, học giỏi "
        f"để trở thành người có ích cho xã hội."
    )
    w.add(
        f"Đại diện các học sinh nhận học bổng, {w.who(pupil)} xúc động cảm ơn các chú Công an, hứa sẽ cố gắng học "
        f"tập thật tốt để không phụ lòng gia đình, thầy cô."
    )

    def sponsor() -> str:
        return (
            "Chương trình nhận được sự đồng hành của nhiều doanh nghiệp, nhà hảo tâm và sự đóng góp từ ngày lương "
            "của cán bộ, chiến sĩ."
        )

    def adopt() -> str:
        return (
            f"Bên cạnh đó, Công an {pv.kw} nhận đỡ đầu {w.n(3, 20)} học sinh mồ côi, hỗ trợ hằng tháng cho đến khi "
            f"các em học hết lớp 12."
        )

    _fill(w, [sponsor, adopt], 4, 6)
    w.act(leader, "trao học bổng cho học sinh.")


def _xh_gratitude(w: _W) -> None:
    """Police pay tribute to fallen soldiers at a martyrs' cemetery."""
    pv = w.prov()
    d = w.dist(pv)
    leader = w.director(pv)
    if w.chance(0.5):
        w.set_title(f"Công an {w.po(pv)} dâng hương tưởng niệm các Anh hùng liệt sĩ")
    else:
        w.set_title(f"Tri ân các Anh hùng liệt sĩ tại Nghĩa trang liệt sĩ {w.dl(d)}")
    w.set_lead(
        f"{w.when(w.n(0, 3), cap=True)}, Đoàn đại biểu Công an {w.po(pv)} do {w.who(leader)} dẫn đầu đã đến "
        f"dâng hương, dâng hoa tưởng niệm các Anh hùng liệt sĩ tại Nghĩa trang liệt sĩ {w.dl(d)}."
    )
    w.add(
        "Trong không khí trang nghiêm, các đại biểu đã dành phút mặc niệm, tưởng nhớ công lao to lớn của các Anh hùng "
        "liệt sĩ đã anh dũng hy sinh vì độc lập, tự do của Tổ quốc, vì bình yên của nhân dân."
    )
    w.add(
        f"Thay mặt Đoàn, {w.who(leader)} bày tỏ lòng biết ơn sâu sắc và hứa sẽ tiếp tục phát huy truyền thống vẻ "
        f"vang, xây dựng lực lượng Công an {w.pb(pv)} trong sạch, vững mạnh."
    )
    w.add(
        "Sau lễ dâng hương, đoàn viên thanh niên Công an đã thắp nến tri ân, dọn dẹp, chăm sóc các phần mộ liệt sĩ."
    )

    def gifts() -> str:
        return (
            f"Cùng ngày, Đoàn đã đến thăm, tặng quà {w.n(5, 30)} gia đình thân nhân liệt sĩ, thương binh trên địa "
            f"bàn."
        )

    def youth() -> str:
        return (
            f"Hoạt động do Đoàn Thanh niên Công an {pv.kw} phối hợp với {_TRAP_ORGS[1]} địa phương tổ chức, nhằm "
            f"giáo dục truyền thống cho thế hệ trẻ."
        )

    _fill(w, [gifts, youth], 4, 6)
    w.scene(
        (
            "Các đại biểu dâng hương tưởng niệm các Anh hùng liệt sĩ.",
            "Đoàn đại biểu dâng hương tại Nghĩa trang.",
        )
    )
    w.act(leader, "dâng hương tưởng niệm các Anh hùng liệt sĩ.")


_TEMPLATES: dict[str, tuple[Callable[[_W], None], ...]] = {
    "hoat-dong-cua-bo": (_bo_inspection, _bo_conference, _bo_visit, _bo_appointment),
    "hoat-dong-cua-dia-phuong": (_dp_campaign, _dp_movement, _dp_identity, _dp_fire_drill),
    "chi-dao-dieu-hanh": (_cd_directive, _cd_law_plan, _cd_telegram),
    "thong-tin-doi-ngoai": (_dn_delegation, _dn_ambassador, _dn_border, _dn_international),
    "tin-an-ninh-trat-tu": (_an_drugs, _an_fraud, _an_traffic, _an_wanted),
    "nguoi-tot-viec-tot": (_tt_rescue, _tt_lost_property, _tt_help),
    "hoat-dong-xa-hoi": (_xh_gifts, _xh_house, _xh_blood, _xh_scholarship, _xh_gratitude),
}
