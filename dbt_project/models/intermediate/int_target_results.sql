-- Each target's latest result within its period: same district, indicator, measure and unit,
-- ending between the target's first plan year and its horizon (an annual target: that year).
-- The latest year wins, a whole year before a part of it, then the latest article. The result
-- is final when its period reaches the horizon, covers a whole year, and (for a yearly-average
-- target) is itself a yearly average; a part of a year is progress only.
with

targets as (
    select * from {{ ref('fct_target') }}
),

results as (
    select * from {{ ref('fct_result') }}
),

candidates as (
    select
        targets.target_id,
        results.result_id,
        results.figure_id,
        results.article_id,
        results.result_value,
        results.result_start_year,
        results.period_year,
        results.result_period_part,
        results.surface,
        results.period_year >= targets.target_year
            and results.result_period_part is null
            and (results.is_annual_average or not targets.is_annual_average)
            as is_final_result,
        results.months_covered,
        results.published_date,
    from targets
    inner join results
        on targets.district_code = results.district_code
        and targets.indicator_code = results.indicator_code
        and targets.measure = results.measure
        and targets.unit = results.unit
        and results.period_year between targets.first_plan_year and targets.target_year
),

ranked as (
    select
        *,
        row_number() over (
            partition by target_id
            order by
                period_year desc,
                is_final_result desc,
                months_covered desc,
                published_date desc nulls last,
                figure_id
        ) as recency,
    from candidates
),

final as (
    select
        target_id,
        result_id,
        figure_id as result_figure_id,
        article_id as result_article_id,
        result_value,
        result_start_year,
        period_year as result_year,
        result_period_part,
        surface as result_surface,
        is_final_result,
    from ranked
    where recency = 1
)

select * from final
