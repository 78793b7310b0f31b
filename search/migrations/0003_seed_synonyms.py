"""Seed the synonym dictionary with North/South pairs and English names; moderators edit
it afterwards (a Wagtail snippet)."""

from django.db import migrations

SEED = [
    ("lợn, heo, pork", "Bắc/Nam"),
    ("ngô, bắp, corn", "Bắc/Nam"),
    ("vừng, mè, sesame", "Bắc/Nam"),
    ("dứa, thơm, khóm, pineapple", "Bắc/Nam"),
    ("quả, trái", "Bắc/Nam"),
    ("hoa quả, trái cây, fruit", "Bắc/Nam"),
    ("lạc, đậu phộng, peanut", "Bắc/Nam"),
    ("sắn, khoai mì, cassava", "Bắc/Nam"),
    ("na, mãng cầu, custard apple", "Bắc/Nam"),
    ("đỗ, đậu, bean", "Bắc/Nam"),
    ("bí đỏ, bí ngô, pumpkin", "Bắc/Nam"),
    ("dưa chuột, dưa leo, cucumber", "Bắc/Nam"),
    ("mướp đắng, khổ qua, bitter melon", "Bắc/Nam"),
    ("rau mùi, ngò, coriander", "Bắc/Nam"),
    ("cá quả, cá lóc, snakehead", "Bắc/Nam"),
    ("giò lụa, chả lụa", "Bắc/Nam"),
    ("bát, chén, bowl", "Bắc/Nam"),
    ("nhãn, longan", "English"),
    ("vải, lychee, litchi", "English"),
    ("bưởi, grapefruit, pomelo", "English"),
    ("cam, orange", "English"),
    ("xoài, mango", "English"),
    ("thanh long, dragon fruit, pitaya", "English"),
    ("chuối, banana", "English"),
    ("dừa, coconut", "English"),
    ("sầu riêng, durian", "English"),
    ("măng cụt, mangosteen", "English"),
    ("chôm chôm, rambutan", "English"),
    ("ổi, guava", "English"),
    ("tỏi, garlic", "English"),
    ("gừng, ginger", "English"),
    ("nghệ, turmeric", "English"),
    ("hạt tiêu, tiêu, pepper", "English"),
    ("ớt, chili, chilli", "English"),
    ("mật ong, honey", "English"),
    ("chè, trà, tea", "Bắc/Nam, English"),
    ("cà phê, coffee", "English"),
    ("gạo, rice", "English"),
    ("gạo nếp, sticky rice, glutinous rice", "English"),
    ("nước mắm, fish sauce", "English"),
    ("gà, chicken", "English"),
    ("vịt, duck", "English"),
    ("bò, beef", "English"),
    ("tôm, shrimp, prawn", "English"),
    ("cá, fish", "English"),
    ("nấm, mushroom", "English"),
    ("hạt điều, điều, cashew", "English"),
    ("rượu, wine, liquor", "English"),
    ("mứt, jam", "English"),
    ("trứng, egg, eggs", "English"),
    ("muối, salt", "English"),
]


def seed(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    for terms, note in SEED:
        Synonym.objects.get_or_create(terms=terms, defaults={"note": note})


def unseed(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    Synonym.objects.filter(terms__in=[t for t, _n in SEED]).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0002_entries_words_synonyms")]

    operations = [migrations.RunPython(seed, unseed)]
