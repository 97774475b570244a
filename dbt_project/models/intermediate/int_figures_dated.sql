-- The term each figure belongs to, from its own period and not its article's: a target by
-- its horizon, a result by the last year it describes. A figure whose text names no period
-- gets the term in force at its article's date (and a target that term's last year as its
-- horizon). A target of one stated year ("chỉ tiêu năm 2024") is an annual target; any other
-- is a term target.
with

figures as (
    select * from {{ ref('int_figures_enriched') }}
),

terms as (
    select * from {{ ref('terms') }}
),

dated as (
    select
        figure_id,
        figure_kind,
        period_start_year,
        period_end_year,
        horizon_year,
        year(published_date) as published_year,
        period_end_year is not null as has_text_period,
        case
            when figure_kind = 'target' then coalesce(horizon_year, period_end_year)
            else period_end_year
        end as period_key_year,
    from figures
),

-- a term's plan years follow its congress: 2020-2025 is 2021..2025
placed as (
    select
        dated.*,
        coalesce(by_period.term_code, in_force.term_code) as term_code,
        coalesce(by_period.start_year, in_force.start_year) as term_start_year,
        coalesce(by_period.end_year, in_force.end_year) as term_end_year,
    from dated
    left join terms as by_period
        on dated.period_key_year > by_period.start_year
        and dated.period_key_year <= by_period.end_year
    left join terms as in_force
        on dated.period_key_year is null
        and dated.published_year >= in_force.start_year
        and dated.published_year < in_force.end_year
),

final as (
    select
        figure_id,
        term_code,
        has_text_period,
        case
            when figure_kind <> 'target' then null
            when period_start_year is not null and period_start_year = period_end_year then 'year'
            else 'term'
        end as target_scope,
        case
            when figure_kind = 'target' then coalesce(period_key_year, term_end_year)
        end as target_year,
        case
            when figure_kind <> 'target' then null
            when period_start_year is not null and period_start_year = period_end_year
                then period_start_year
            else term_start_year + 1
        end as first_plan_year,
    from placed
)

select * from final
