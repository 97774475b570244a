with

source as (
    select * from {{ source('raw', 'runs') }}
),

final as (
    select
        run_id,
        started_at,
        finished_at,
        status as run_status,
        counts_json,
    from source
)

select * from final
