"""Shared pieces for `manage.py seed_demo`.

Each module of `demo/` fills one area with `run(ctx)`; `STEPS` lists them in order (later
steps use earlier steps' rows). Every step is idempotent: running the command twice
leaves the same site.
"""

import random
from dataclasses import dataclass, field

from core.progress import ProgressBar

from . import accounts, areas, catalog, cms, counters, english, orders, search, shops, site, trust
from . import figures as figures_step


@dataclass
class SeedContext:
    stdout: object
    style: object
    options: dict = field(default_factory=dict)
    rng: random.Random = field(default_factory=lambda: random.Random(2026))

    def log(self, message):
        self.stdout.write(message)

    def progress(self, total, label):
        return ProgressBar(total, label=label, stream=self.stdout)

    @property
    def booths(self):
        return int(self.options.get("booths") or 30)

    @property
    def products(self):
        return int(self.options.get("products") or 200)


# (name for --only, label, module with run(ctx))
STEPS = [
    ("site", "Cài đặt trang", site),
    ("accounts", "Tài khoản", accounts),
    ("areas", "Địa bàn", areas),
    ("shops", "Gian hàng", shops),
    ("catalog", "Sản phẩm", catalog),
    ("cms", "Tin tức và trang", cms),
    ("english", "Tên tiếng Anh", english),
    ("orders", "Đơn hàng", orders),
    ("trust", "Chứng nhận và đánh giá", trust),
    ("counters", "Lượt truy cập", counters),
    ("search", "Tìm kiếm", search),
    ("figures", "Số liệu", figures_step),
]
