with

articles as (
    select * from {{ ref('int_articles_located') }}
),

final as (
    select
        article_id,
        page_id,
        source_name,
        article_url,
        canonical_url,
        coalesce(canonical_url, article_url) as public_url,
        title_vi,
        author,
        published_at,
        published_date,
        district_code,
        term_code,
        district_codes as mentioned_district_codes,
        parser,
        content_hash,
        length(body_text) as body_length,
        body_text,
        loaded_at,
    from articles
)

select * from final
