-- Each indicator's results per district and year, for trends: one row per report of a year's
-- result. The latest report of a year wins (a whole year before a part of it, then the latest
-- article); earlier reports are kept as revisions. Spans (a congress's "5 năm qua") are not a
-- year's value and stay out; they are in fct_result.
with

results as (
    select * from {{ ref('int_results') }}
),

districts as (
    select * from {{ ref('dim_district') }}
),

indicators as (
    select * from {{ ref('dim_indicator') }}
),

-- one figure per article and year: a stated percentage before its ratio
per_article as (
    select
        *,
        row_number() over (
            partition by article_id, district_code, indicator_code, measure, unit, result_end_year
            order by months_covered desc, is_ratio, figure_index
        ) as article_rank,
    from results
    where result_start_year = result_end_year
),

revisions as (
    select
        *,
        row_number() over (
            partition by district_code, indicator_code, measure, unit, result_end_year
            order by months_covered desc, published_date desc nulls last, article_id
        ) as revision,
    from per_article
    where article_rank = 1
),

final as (
    select
        md5(concat_ws('|', revisions.district_code, revisions.indicator_code, revisions.measure,
            revisions.unit, revisions.result_end_year, revisions.revision)) as indicator_result_id,
        revisions.district_code,
        districts.name_vi as district_name_vi,
        revisions.indicator_code,
        indicators.name_vi as indicator_name_vi,
        indicators.name_en as indicator_name_en,
        revisions.measure,
        revisions.unit,
        revisions.result_end_year as result_year,
        revisions.result_period_part,
        revisions.revision,
        revisions.revision = 1 as is_latest_report,
        revisions.result_value,
        revisions.result_qualifier,
        revisions.figure_id,
        revisions.article_id,
        revisions.published_date,
        revisions.surface,
        revisions.sentence_vi,
    from revisions
    left join districts on revisions.district_code = districts.district_code
    left join indicators on revisions.indicator_code = indicators.indicator_code
)

select * from final
