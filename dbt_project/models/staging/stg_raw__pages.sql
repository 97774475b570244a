with

source as (
    select * from {{ source('raw', 'pages') }}
),

final as (
    select
        page_id,
        source_name,
        url as page_url,
        final_url,
        status_code,
        content_type,
        content_hash,
        etag,
        last_modified as last_modified_header,
        cast(fetched_at as timestamptz) as fetched_at,
        is_changed,
        error_reason,
        error_detail,
        error_reason is not null as is_failed,
        run_id,
        loaded_at,
    from source
)

select * from final
