-- Each target with where it started (baseline: the latest result before its first plan year),
-- where it is now (the latest result within its period), its progress and its status. Term
-- targets and annual targets alike; rules in macros/scorecard_status.sql, statuses in the
-- seed scorecard_statuses.
with

targets as (
    select * from {{ ref('fct_target') }}
),

baselines as (
    select * from {{ ref('int_target_baselines') }}
),

results as (
    select * from {{ ref('int_target_results') }}
),

indicators as (
    select * from {{ ref('dim_indicator') }}
),

joined as (
    select
        targets.*,
        indicators.name_en as indicator_name_en,
        indicators.name_vi as indicator_name_vi,
        coalesce(indicators.is_higher_better, true) as is_higher_better,
        baselines.* exclude (target_id),
        results.* exclude (target_id, is_final_result),
        coalesce(results.is_final_result, false) as is_final_result,
    from targets
    left join indicators on targets.indicator_code = indicators.indicator_code
    left join baselines on targets.target_id = baselines.target_id
    left join results on targets.target_id = results.target_id
),

final as (
    select
        *,
        {{ scorecard_progress('measure', 'unit', 'target_value', 'target_value_max',
            'baseline_value', 'result_value', 'result_period_part', 'is_higher_better') }}
            as progress,
        {{ scorecard_status('target_value', 'target_value_max', 'target_qualifier',
            'result_value', 'is_higher_better', 'is_final_result') }} as status,
    from joined
)

select * from final
