with

indicators as (
    select * from {{ ref('indicators') }}
),

final as (
    select
        indicator_code,
        name_vi,
        name_en,
        unit,
        cast(is_higher_better as boolean) as is_higher_better,
        string_split(coalesce(head, ''), '|') as heads_vi,
        string_split(terms, '|') as terms_vi,
        string_split(coalesce(excludes, ''), '|') as excludes_vi,
    from indicators
)

select * from final
