-- Each target's baseline: the latest result of the same district, indicator, measure and unit
-- whose period ends before the target's first plan year (for term 2020-2025, by 2020: what a
-- congress reports of the past five years is the next term's starting point, not progress on
-- it). Parts of a year are no starting point and are left out.
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
        results.surface,
        row_number() over (
            partition by targets.target_id
            order by
                results.period_year desc,
                results.is_annual_average = targets.is_annual_average desc,
                results.published_date desc nulls last,
                results.figure_id
        ) as recency,
    from targets
    inner join results
        on targets.district_code = results.district_code
        and targets.indicator_code = results.indicator_code
        and targets.measure = results.measure
        and targets.unit = results.unit
        and results.period_year < targets.first_plan_year
        and results.result_period_part is null
),

final as (
    select
        target_id,
        result_id as baseline_result_id,
        figure_id as baseline_figure_id,
        article_id as baseline_article_id,
        result_value as baseline_value,
        result_start_year as baseline_start_year,
        period_year as baseline_year,
        surface as baseline_surface,
    from candidates
    where recency = 1
)

select * from final
