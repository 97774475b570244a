with

pages as (
    select * from {{ ref('stg_raw__pages') }}
),

articles as (
    select * from {{ ref('stg_raw__articles') }}
),

page_counts as (
    select
        source_name,
        count(*) as page_count,
        count(*) filter (where is_failed) as failed_page_count,
        min(fetched_at) as first_fetched_at,
        max(fetched_at) as last_fetched_at,
    from pages
    group by source_name
),

article_counts as (
    select source_name, count(*) as article_count
    from articles
    group by source_name
),

final as (
    select
        page_counts.source_name,
        page_counts.page_count,
        page_counts.failed_page_count,
        coalesce(article_counts.article_count, 0) as article_count,
        page_counts.first_fetched_at,
        page_counts.last_fetched_at,
    from page_counts
    left join article_counts on page_counts.source_name = article_counts.source_name
)

select * from final
