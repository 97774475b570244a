-- Every reported result that can be compared with a target: an actual with an indicator,
-- on a common scale (a ratio as a percentage, a plan excess as attainment), with the period it
-- describes (the article's year when its text names none) and how much of a year it covers.
with

figures as (
    select * from {{ ref('int_figures_enriched') }}
),

parts as (
    select * from {{ ref('period_parts') }}
),

final as (
    select
        figures.figure_id,
        figures.article_id,
        figures.district_code,
        figures.indicator_code,
        figures.measure,
        case when figures.unit = 'ratio' then 'percent' else figures.unit end as unit,
        case when figures.unit = 'ratio' then figures.ratio_percent else figures.comparable_value end
            as result_value,
        figures.qualifier as result_qualifier,
        coalesce(figures.period_start_year, figures.period_year) as result_start_year,
        figures.period_year as result_end_year,
        figures.period_part as result_period_part,
        coalesce(parts.months_covered, 12) as months_covered,
        coalesce(figures.is_annual_average, false) as is_annual_average,
        figures.period_end_year is not null as has_text_period,
        figures.unit = 'ratio' as is_ratio,
        figures.published_date,
        figures.figure_index,
        figures.surface,
        figures.sentence_vi,
    from figures
    left join parts on figures.period_part = parts.period_part
    where figures.figure_kind = 'actual'
        and not coalesce(figures.is_plan_structure, false)
        and figures.indicator_code is not null
        and figures.period_year is not null
        and (figures.unit <> 'ratio' or figures.denominator > 0)
)

select * from final
