with

source as (
    select * from {{ source('raw', 'figures') }}
),

final as (
    select
        figure_id,
        article_id,
        content_hash,
        figure_index,
        surface,
        unit,
        value as figure_value,
        value_max as figure_value_max,
        denominator,
        noun as noun_vi,
        kind as figure_kind,
        measure,
        qualifier,
        indicator as indicator_phrase_vi,
        indicator_code,
        sentence as sentence_vi,
        char_start,
        char_end,
        is_plan_excess,
        is_plan_structure,
        period_start_year,
        period_end_year,
        period_part,
        horizon_year,
        is_annual_average,
        extractor_version,
        run_id,
        loaded_at,
    from source
)

select * from final
