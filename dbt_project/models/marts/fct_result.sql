-- The latest result reported for each district, indicator, year and measure.
-- A ratio (26/27 trường) stands in as a percentage when no percentage is given.
with

figures as (
    select * from {{ ref('fct_figure') }}
),

results as (
    select
        *,
        case when unit = 'ratio' then 'percent' else unit end as comparable_unit,
        case when unit = 'ratio' then ratio_percent else comparable_value end as result_value,
    from figures
    where figure_kind = 'actual'
        and not coalesce(is_plan_structure, false)
        and indicator_code is not null
        and period_year is not null
        and (unit <> 'ratio' or denominator > 0)
),

ranked as (
    select
        *,
        row_number() over (
            partition by district_code, indicator_code, period_year, measure
            order by
                published_date desc nulls last,
                case when unit = 'ratio' then 1 else 0 end,
                figure_index
        ) as recency,
    from results
),

final as (
    select
        md5(concat_ws('|', district_code, indicator_code, period_year, measure)) as result_id,
        district_code,
        indicator_code,
        period_year,
        measure,
        figure_id,
        article_id,
        published_date,
        comparable_unit as unit,
        result_value,
        qualifier as result_qualifier,
        surface,
        sentence_vi,
    from ranked
    where recency = 1
)

select * from final
