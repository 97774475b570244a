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

final as (
    select
        figure_id,
        article_id,
        page_id,
        source_name,
        district_code,
        indicator_code,
        term_code,
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
        sentence_vi,
        char_start,
        char_end,
        provenance_text,
        has_exact_provenance,
        content_hash,
        extractor_version,
        loaded_at,
    from figures
    {% if is_incremental() %}
    where loaded_at > (select coalesce(max(loaded_at), timestamptz '1970-01-01') from {{ this }})
    {% endif %}
)

select * from final
