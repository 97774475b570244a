with

districts as (
    select * from {{ ref('districts') }}
),

unknown_member as (
    select
        'unknown' as district_code,
        'Không xác định' as name_vi,
        'Unknown' as name_ascii,
        null as unit_type,
        null as parent_code,
        cast(null as date) as valid_from,
        cast(null as date) as valid_to,
),

final as (
    select
        district_code,
        name_vi,
        name_ascii,
        unit_type,
        parent_code,
        cast(valid_from as date) as valid_from,
        cast(valid_to as date) as valid_to,
        valid_to is null or cast(valid_to as date) >= current_date as is_current,
    from districts
    union all
    select *, false as is_current from unknown_member
)

select * from final
