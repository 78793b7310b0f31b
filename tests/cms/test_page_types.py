"""Which page may sit under which, and creating pages through the Wagtail admin."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from cms.models import ArticlePage, HomePage, NewsCategory, NewsIndexPage, StandardPage
from cms.site_setup import ensure_home_page
from tests.factories import UserFactory


class PageTreeRulesTests(WagtailPageTestCase):
    def test_home_page_sits_at_the_root_only(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(HomePage, {NewsIndexPage, StandardPage})

    def test_news_index_lives_under_the_home_page_and_holds_articles(self):
        self.assertAllowedParentPageTypes(NewsIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(NewsIndexPage, {ArticlePage})

    def test_articles_only_in_a_news_index_and_have_no_children(self):
        self.assertAllowedParentPageTypes(ArticlePage, {NewsIndexPage})
        self.assertAllowedSubpageTypes(ArticlePage, set())

    def test_standard_pages_under_home_or_each_other(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertCanNotCreateAt(NewsIndexPage, StandardPage)
        self.assertCanNotCreateAt(StandardPage, ArticlePage)
        self.assertCanNotCreateAt(HomePage, ArticlePage)

    def test_only_one_home_page(self):
        ensure_home_page()
        root = Page.get_first_root_node()
        self.assertFalse(HomePage.can_create_at(root))


class AdminCreationTests(WagtailPageTestCase):
    def setUp(self):
        self.home = ensure_home_page()
        self.user = UserFactory(is_staff=True, is_superuser=True)
        self.client.force_login(self.user)

    def test_news_index_article_and_standard_page_created_through_the_admin(self):
        self.assertCanCreate(
            self.home,
            NewsIndexPage,
            nested_form_data({"title": "Tin tức", "slug": "tin-tuc", "intro": "Tin của chợ"}),
        )
        news = NewsIndexPage.objects.get(slug="tin-tuc")
        category = NewsCategory.objects.create(name="Thông báo", slug="thong-bao")
        article_data = nested_form_data(
            {
                "title": "Mùa vải năm nay",
                "slug": "mua-vai-nam-nay",
                "date": "2026-06-01",
                "author_name": "Ban biên tập",
                "lead": "Vải vào chính vụ.",
                "tags": "vải thiều, mùa vụ",
                "body": streamfield(
                    [
                        ("heading", {"text": "Giá ổn định", "level": "h2"}),
                        ("paragraph", rich_text("<p>Người trồng vải phấn khởi.</p>")),
                        ("quote", {"text": "Năm nay được mùa", "attribution": "Chủ vườn"}),
                    ]
                ),
            }
        )
        article_data["categories"] = [category.pk]  # a multiple choice: a list, not nested
        self.assertCanCreate(news, ArticlePage, article_data)
        # The admin saved a draft: its content lives in the latest revision.
        article = ArticlePage.objects.get(slug="mua-vai-nam-nay").get_latest_revision_as_object()
        self.assertEqual(list(article.categories.all()), [category])
        self.assertEqual(sorted(t.name for t in article.tags.all()), ["mùa vụ", "vải thiều"])
        self.assertIn("Người trồng vải phấn khởi", article.body_text())
        self.assertPageIsRenderable(article)
        self.assertCanCreate(
            self.home,
            StandardPage,
            nested_form_data(
                {
                    "title": "Quy chế hoạt động",
                    "slug": "quy-che-hoat-dong",
                    "lead": "Quy chế của sàn.",
                    "body": streamfield([("paragraph", rich_text("<p>Điều 1.</p>"))]),
                    "title_en": "Operating rules",
                    "body_en": streamfield([]),
                }
            ),
        )
        page = StandardPage.objects.get(slug="quy-che-hoat-dong")
        self.assertEqual(page.title_en, "Operating rules")
        self.assertPageIsRenderable(page)

    def test_home_page_edit_form_has_chooser_inlines(self):
        response = self.client.get(f"/cms-admin/pages/{self.home.pk}/edit/")
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        for prefix in ("featured_categories", "featured_products", "featured_booths"):
            self.assertIn(f"{prefix}-TOTAL_FORMS", html)

    def test_home_page_saves_featured_items_through_the_admin(self):
        from tests.factories import BoothFactory, ProductFactory

        product = ProductFactory(name="Mỳ Chũ")
        booth = BoothFactory(name="HTX Gà đồi")
        data = nested_form_data(
            {
                "title": self.home.title,
                "slug": self.home.slug,
                "intro": "Chợ của tỉnh",
                "lead": "",
                "banners": streamfield([]),
                "featured_categories": inline_formset([]),
                "featured_products": inline_formset([{"product": product.pk}]),
                "featured_booths": inline_formset([{"booth": booth.pk}]),
                "action-publish": "publish",
            }
        )
        response = self.client.post(f"/cms-admin/pages/{self.home.pk}/edit/", data)
        self.assertEqual(response.status_code, 302, response.content.decode()[:3000])
        home = HomePage.objects.get(pk=self.home.pk)
        self.assertEqual([p.pk for p in home.featured_product_list()], [product.pk])
        self.assertEqual([b.pk for b in home.featured_booth_list()], [booth.pk])

    def test_product_and_booth_choosers_list_public_items_only(self):
        from catalog.models import Product
        from tests.factories import BoothFactory, ProductFactory

        ProductFactory(name="Vải thiều công khai")
        ProductFactory(name="Vải nháp", status=Product.Status.DRAFT)
        BoothFactory(name="Gian đã duyệt")
        BoothFactory(name="Gian chờ duyệt", status="pending")
        products = self.client.get("/cms-admin/chon-san-pham/").json()["html"]
        self.assertIn("Vải thiều công khai", products)
        self.assertNotIn("Vải nháp", products)
        booths = self.client.get("/cms-admin/chon-gian-hang/").json()["html"]
        self.assertIn("Gian đã duyệt", booths)
        self.assertNotIn("Gian chờ duyệt", booths)
        search = self.client.get("/cms-admin/chon-san-pham/results/?q=thiều").content.decode()
        self.assertIn("Vải thiều công khai", search)
