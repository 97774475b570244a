with

terms as (
    select * from {{ ref('terms') }}
),

final as (
    select
        term_code,
        term_label,
        start_year,
        end_year,
        congress_vi,
        congress_en,
    from terms
)

select * from final
