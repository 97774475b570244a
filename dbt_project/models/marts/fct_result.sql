-- The latest report of each result: per district, indicator, measure and period (a year, a
-- part of a year, or a span such as the five years a congress reviews). A ratio (26/27
-- trường) stands in as a percentage when the article states no percentage for it.
with

results as (
    select * from {{ ref('int_results') }}
),

ranked as (
    select
        *,
        row_number() over (
            partition by district_code, indicator_code, measure, unit,
                result_start_year, result_end_year, result_period_part
            order by published_date desc nulls last, is_ratio, figure_index
        ) as recency,
    from results
),

final as (
    select
        md5(concat_ws('|', district_code, indicator_code, measure, unit,
            result_start_year, result_end_year, coalesce(result_period_part, 'year')))
            as result_id,
        district_code,
        indicator_code,
        measure,
        unit,
        result_start_year,
        result_end_year as period_year,
        result_period_part,
        months_covered,
        is_annual_average,
        has_text_period,
        figure_id,
        article_id,
        published_date,
        result_value,
        result_qualifier,
        surface,
        sentence_vi,
    from ranked
    where recency = 1
)

select * from final
