-- Each target against the latest result for the same district, indicator and
-- measure within the target's term. Status rules (see the model's yml):
-- a bound (trên/dưới/trở lên/tối đa) or a range is met on its good side; a
-- point target is met when hit and exceeded when passed on the good side.
with

targets as (
    select * from {{ ref('fct_target') }}
),

results as (
    select * from {{ ref('fct_result') }}
),

indicators as (
    select * from {{ ref('dim_indicator') }}
),

terms as (
    select * from {{ ref('dim_term') }}
),

candidates as (
    select
        targets.target_id,
        results.result_id,
        results.result_value,
        results.period_year as result_year,
        results.figure_id as result_figure_id,
        results.surface as result_surface,
        row_number() over (
            partition by targets.target_id
            order by results.period_year desc, results.published_date desc
        ) as recency,
    from targets
    inner join terms on targets.term_code = terms.term_code
    inner join results
        on targets.district_code = results.district_code
        and targets.indicator_code = results.indicator_code
        and targets.measure = results.measure
        and targets.unit = results.unit
        and results.period_year between terms.start_year and terms.end_year
),

matched as (
    select
        targets.*,
        indicators.name_en as indicator_name_en,
        indicators.name_vi as indicator_name_vi,
        coalesce(indicators.is_higher_better, true) as is_higher_better,
        candidates.result_id,
        candidates.result_value,
        candidates.result_year,
        candidates.result_figure_id,
        candidates.result_surface,
    from targets
    left join indicators on targets.indicator_code = indicators.indicator_code
    left join candidates
        on targets.target_id = candidates.target_id
        and candidates.recency = 1
),

final as (
    select
        *,
        {{ scorecard_status('target_value', 'target_value_max', 'target_qualifier', 'result_value', 'is_higher_better') }} as status,
    from matched
)

select * from final
