-- The latest target set for each district, indicator, term and measure.
with

figures as (
    select * from {{ ref('fct_figure') }}
),

targets as (
    select
        *,
        row_number() over (
            partition by district_code, indicator_code, term_code, measure
            order by published_date desc nulls last, figure_index
        ) as recency,
    from figures
    where figure_kind = 'target'
        and not coalesce(is_plan_structure, false)
        and indicator_code is not null
        and term_code is not null
        and unit in ('percent', 'permille', 'vnd', 'usd', 'quantity', 'count', 'multiple')
),

final as (
    select
        md5(concat_ws('|', district_code, indicator_code, term_code, measure)) as target_id,
        district_code,
        indicator_code,
        term_code,
        measure,
        figure_id,
        article_id,
        published_date,
        unit,
        comparable_value as target_value,
        comparable_value_max as target_value_max,
        qualifier as target_qualifier,
        surface,
        sentence_vi,
    from targets
    where recency = 1
)

select * from final
