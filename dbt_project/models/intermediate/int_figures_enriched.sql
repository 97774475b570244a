-- Figures with their article's place and term, a value in base units and the
-- year a figure speaks of (its period's last year, from the extractor's record).
with

figures as (
    select * from {{ ref('stg_raw__figures') }}
),

articles as (
    select * from {{ ref('int_articles_located') }}
),

terms as (
    select * from {{ ref('terms') }}
),

joined as (
    select
        figures.*,
        articles.page_id,
        articles.source_name,
        articles.district_code,
        articles.term_code,
        articles.published_date,
        substring(articles.body_text, figures.char_start + 1, figures.char_end - figures.char_start) as provenance_text,
    from figures
    inner join articles on figures.article_id = articles.article_id
),

final as (
    select
        joined.*,
        case joined.unit
            when 'percent' then joined.figure_value / 100
            when 'permille' then joined.figure_value / 1000
            else joined.figure_value
        end as value_base,
        case joined.unit
            when 'percent' then joined.figure_value_max / 100
            when 'permille' then joined.figure_value_max / 1000
            else joined.figure_value_max
        end as value_max_base,
        case
            when joined.unit = 'ratio' and joined.denominator > 0
                then 100.0 * joined.figure_value / joined.denominator
        end as ratio_percent,
        case when joined.is_plan_excess then 100 + joined.figure_value else joined.figure_value end as comparable_value,
        case when joined.is_plan_excess then 100 + joined.figure_value_max else joined.figure_value_max end as comparable_value_max,
        joined.provenance_text = joined.surface as has_exact_provenance,
        -- the period comes from the extractor's record; without one, the article's year
        coalesce(joined.period_end_year, year(joined.published_date)) as period_year,
        terms.start_year as term_start_year,
        terms.end_year as term_end_year,
    from joined
    left join terms on joined.term_code = terms.term_code
)

select * from final
