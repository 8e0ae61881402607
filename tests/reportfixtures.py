"""A fixed person and a small catalogue for the report tests (issue 4).

Numbers under the bundled policy (as the tests assert them):
2026: A 40 + B3 training 3 days x 8 = 24 + C5 core journal 2nd author 8 x 80% = 6.4
      (+ C5 4th author = 0: only the first 3 authors earn) -> professional 70.4;
      G 12 -> general 12 (short 6); total 82.4 (short 7.6).
2025: A 70, G 18 -> total 88 (short 2).
B cycle 2024-2026: B3 24 of 36 (short 12), running until 2026.
"""
from __future__ import annotations

import textwrap
from pathlib import Path

TODAY = "2026-11-27"

PERSON = textwrap.dedent("""\
    # 测试人员（报告测试用）
    id: T01
    name: 测试员
    unit: U-T
    department: 测绘科
    specialty: surveying
    records:
      - {route: A, year: 2025, title: 旧课程, hours: 70, platform: zjce, registrar: 某市自然资源和规划局}
      - {route: G, year: 2025, title: 公需课2025, hours: 18, registrar: 某市自然资源和规划局}
      - {route: A, year: 2026, title: 测绘新技术, hours: 40, platform: zjce, registrar: 某市自然资源和规划局, evidence: 平台学时证明}
      - {route: B3, start: 2026-04-01, end: 2026-04-03, title: 学会培训, kind: training, society: surveying, evidence: 结业证书 No.1}
      - {route: C5, year: 2026, title: 论文甲, venue: core, rank: 2, evidence: 《测绘通报》2026年第5期}
      - {route: C5, year: 2026, title: 论文乙, venue: core, rank: 4}
      - {route: G, year: 2026, title: 公需课 | 2026, hours: 12}
    """)

CATALOG = textwrap.dedent("""\
    offerings:
      - {id: A-2027-001, route: A, title: 遥感影像智能解译技术, hours: 40, platform: zjce, year: 2027, fee: 80}
      - {id: A-2027-002, route: A, title: 测绘成果质量检查与验收, hours: 6, platform: zjce, year: 2027, fee: 0}
      - {id: A-2027-003, route: A, title: 爆破振动监测, hours: 30, platform: blasting, year: 2027, fee: 0}
      - {id: G-2027-001, route: G, title: 知识产权保护与运用, hours: 18, year: 2027, fee: 0}
      - {id: B3-2027-01, route: B3, title: 实景三维浙江建设技术培训, kind: training, society: surveying,
         start: 2027-05-11, end: 2027-05-13, fee: 1600, seats: 80}
      - {id: B2-2027-01, route: B2, title: 自然资源调查监测专项培训, organizer: province,
         start: 2027-09-07, end: 2027-09-08, fee: 900}
    """)


def make_workspace(root: Path) -> tuple[Path, Path]:
    """The workspace folder and the catalogue file, written under `root`."""
    ws = root / "ws"
    (ws / "people").mkdir(parents=True, exist_ok=True)
    (ws / "people" / "T01.yaml").write_text(PERSON, encoding="utf-8")
    catalog = root / "catalog.yaml"
    catalog.write_text(CATALOG, encoding="utf-8")
    return ws, catalog
