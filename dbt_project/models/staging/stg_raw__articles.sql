with

source as (
    select * from {{ source('raw', 'articles') }}
),

final as (
    select
        article_id,
        page_id,
        source_name,
        url as article_url,
        canonical_url,
        content_hash,
        title as title_vi,
        published_at,
        published_tz,
        author,
        body_text,
        district_codes,
        term_label,
        parser,
        parser_fallback_from,
        figures_version,
        run_id,
        loaded_at,
    from source
)

select * from final
