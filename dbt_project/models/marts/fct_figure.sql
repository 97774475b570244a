{{ config(
    materialized='incremental',
    unique_key='figure_id',
    on_schema_change='sync_all_columns',
    post_hook="delete from {{ this }} where figure_id not in (select figure_id from {{ ref('stg_raw__figures') }})",
) }}

-- Incremental on the stable figure_id: a re-run adds the figures loaded since
-- the last build; the post-hook drops figures whose page version was replaced.

with

figures as (
    select * from {{ ref('int_figures_enriched') }}
),

dated as (
    select * from {{ ref('int_figures_dated') }}
),

final as (
    select
        figures.figure_id,
        article_id,
        page_id,
        source_name,
        district_code,
        indicator_code,
        dated.term_code,
        published_date,
        figure_index,
        surface,
        unit,
        figure_value,
        figure_value_max,
        denominator,
        value_base,
        value_max_base,
        ratio_percent,
        comparable_value,
        comparable_value_max,
        is_plan_excess,
        is_plan_structure,
        noun_vi,
        figure_kind,
        measure,
        qualifier,
        indicator_phrase_vi,
        period_year,
        period_start_year,
        period_end_year,
        period_part,
        horizon_year,
        is_annual_average,
        dated.has_text_period,
        dated.target_scope,
        dated.target_year,
        dated.first_plan_year,
        sentence_vi,
        char_start,
        char_end,
        provenance_text,
        has_exact_provenance,
        content_hash,
        extractor_version,
        loaded_at,
    from figures
    inner join dated on figures.figure_id = dated.figure_id
    {% if is_incremental() %}
    where loaded_at > (select coalesce(max(loaded_at), timestamptz '1970-01-01') from {{ this }})
    {% endif %}
)

select * from final
