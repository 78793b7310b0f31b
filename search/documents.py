"""Elasticsearch documents (mappings) and index names.

Each kind lives in `{SEARCH_INDEX_PREFIX}-{kind}-{timestamp}` behind the alias
`{SEARCH_INDEX_PREFIX}-{kind}`; a rebuild creates a new index and swaps the alias.

Only what this server distribution offers is used: the `standard` analyzer, `completion`
fields. Vietnamese folding happens in Python (`search.text.search_fold`) into `*_folded`
fields beside the originals.
"""

from django.conf import settings
from django.utils import timezone
from elasticsearch.dsl import (
    Boolean,
    Completion,
    Date,
    Document,
    Integer,
    Keyword,
    Long,
    Text,
)


class ProductDocument(Document):
    name = Text()
    name_folded = Text()
    description = Text()
    description_folded = Text()
    booth_id = Long()
    booth_name = Text()
    booth_folded = Text()
    category_id = Long()
    category_folded = Text()
    area_id = Long()
    area_folded = Text()
    price = Long()
    ocop_stars = Integer()
    certifications = Keyword()
    in_stock = Boolean()
    season_months = Integer()
    published_at = Date()
    url = Keyword(index=False)
    suggest = Completion()


class BoothDocument(Document):
    name = Text()
    name_folded = Text()
    description = Text()
    description_folded = Text()
    area_id = Long()
    area_folded = Text()
    is_verified = Boolean()
    url = Keyword(index=False)
    suggest = Completion()


class ArticleDocument(Document):
    title = Text()
    title_folded = Text()
    lead = Text()
    lead_folded = Text()
    body = Text()
    body_folded = Text()
    tags = Keyword()
    date = Date()
    url = Keyword(index=False)
    cover_image_id = Long(index=False)


DOCUMENTS = {
    "products": ProductDocument,
    "booths": BoothDocument,
    "articles": ArticleDocument,
}


def alias(kind):
    return f"{settings.SEARCH_INDEX_PREFIX}-{kind}"


def new_index_name(kind):
    return f"{alias(kind)}-{timezone.now().strftime('%Y%m%d%H%M%S%f')}"


def index_body(kind):
    return {
        "settings": {
            "number_of_shards": settings.SEARCH_INDEX_SHARDS,
            "number_of_replicas": settings.SEARCH_INDEX_REPLICAS,
            "refresh_interval": settings.SEARCH_INDEX_REFRESH_INTERVAL,
        },
        "mappings": DOCUMENTS[kind]._doc_type.mapping.to_dict(),
    }
