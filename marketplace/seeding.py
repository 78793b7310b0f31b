"""Shared pieces for `manage.py seed_demo`.

Each app that has demo data exposes `<app>/seed.py` with `run(ctx)`; the command calls
them in the order of `SEED_STEPS`. Every step is idempotent: running the command twice
leaves the same site.
"""

import random
from dataclasses import dataclass, field

from core.progress import ProgressBar

# (label, module path). Order matters: later steps use earlier steps' rows.
SEED_STEPS = [
    ("Cài đặt trang", "marketplace.seed"),
    ("Tài khoản", "accounts.seed"),
    ("Địa bàn", "areas.seed"),
    ("Gian hàng", "shops.seed"),
    ("Sản phẩm", "catalog.seed"),
    ("Tin tức và trang", "cms.seed"),
    ("Đơn hàng", "orders.seed"),
    ("Lượt truy cập", "marketplace.seed_history"),
    ("Tìm kiếm", "search.seed"),
]


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
