-- The latest target set for each district, indicator and measure, per term (term targets:
-- "đến năm 2025", "bình quân hằng năm giai đoạn 2021-2025") or per year (annual targets:
-- "chỉ tiêu năm 2024"). The term comes from the target's own period, else the term in force
-- at its article's date.
with

figures as (
    select * from {{ ref('fct_figure') }}
),

targets as (
    select
        *,
        case target_scope when 'year' then cast(target_year as varchar) else term_code end
            as target_period,
    from figures
    where figure_kind = 'target'
        and not coalesce(is_plan_structure, false)
        and indicator_code is not null
        and term_code is not null
        and unit in ('percent', 'permille', 'vnd', 'usd', 'quantity', 'count', 'multiple')
),

ranked as (
    select
        *,
        row_number() over (
            partition by district_code, indicator_code, target_scope, target_period, measure
            order by published_date desc nulls last, figure_index
        ) as recency,
    from targets
),

final as (
    select
        md5(concat_ws('|', district_code, indicator_code, target_scope, target_period, measure))
            as target_id,
        district_code,
        indicator_code,
        target_scope,
        term_code,
        target_year,
        first_plan_year,
        has_text_period as has_stated_period,
        measure,
        is_annual_average,
        figure_id,
        article_id,
        published_date,
        unit,
        comparable_value as target_value,
        comparable_value_max as target_value_max,
        qualifier as target_qualifier,
        surface,
        sentence_vi,
    from ranked
    where recency = 1
)

select * from final
