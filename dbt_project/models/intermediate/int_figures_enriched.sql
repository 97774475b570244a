-- Figures with their article's place and term, a value in base units and the
-- period a result speaks of.
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
        try_cast(regexp_extract(figures.sentence_vi, '[Nn]ăm (20[0-9]{2})', 1) as integer) as sentence_year,
        -- "vượt 5-10% kế hoạch" states the excess over plan, "đạt 103% dự toán" the attainment
        figures.measure = 'plan'
            and regexp_matches(
                lower(substring(articles.body_text, greatest(1, figures.char_start - 59), least(figures.char_start, 60))),
                'vượt[^0-9%,;.:]*$'
            ) as is_plan_excess,
        -- counts of plan items ("20 nhóm chỉ tiêu", "06 chương trình") describe the plan, not a result to score
        figures.unit = 'count'
            and regexp_matches(lower(coalesce(figures.noun_vi, '')), '^(nhóm )?(chỉ tiêu|nhiệm vụ|chương trình|khâu|đề án|giải pháp|kế hoạch)')
            as is_plan_structure,
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
        coalesce(joined.sentence_year, year(joined.published_date)) as period_year,
        terms.start_year as term_start_year,
        terms.end_year as term_end_year,
    from joined
    left join terms on joined.term_code = terms.term_code
)

select * from final
