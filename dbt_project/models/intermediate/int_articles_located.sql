-- Places each article in one district and one term, so that its figures can
-- be compared with other articles' figures for the same place and term.
with

articles as (
    select * from {{ ref('stg_raw__articles') }}
),

districts as (
    select * from {{ ref('districts') }}
),

terms as (
    select * from {{ ref('terms') }}
),

mentions as (
    select
        article_id,
        unnest(district_codes) as district_code,
        generate_subscripts(district_codes, 1) as mention_position,
    from articles
),

-- a district-level unit named in the article beats a ward, which beats the city
ranked as (
    select
        mentions.article_id,
        case
            when districts.unit_type in ('phường', 'xã') then coalesce(districts.parent_code, districts.district_code)
            else districts.district_code
        end as district_code,
        row_number() over (
            partition by mentions.article_id
            order by
                case
                    when districts.unit_type in ('quận', 'huyện', 'thị xã') then 0
                    when districts.unit_type in ('phường', 'xã') then 1
                    else 2
                end,
                mentions.mention_position
        ) as preference,
    from mentions
    inner join districts on mentions.district_code = districts.district_code
),

final as (
    select
        articles.*,
        coalesce(ranked.district_code, 'unknown') as district_code,
        cast(timezone(coalesce(articles.published_tz, 'Asia/Ho_Chi_Minh'), articles.published_at) as date) as published_date,
        coalesce(
            named_term.term_code,
            dated_term.term_code
        ) as term_code,
    from articles
    left join ranked
        on articles.article_id = ranked.article_id
        and ranked.preference = 1
    left join terms as named_term
        on replace(articles.term_label, ' ', '') = named_term.term_label
    left join terms as dated_term
        on year(articles.published_at) >= dated_term.start_year
        and year(articles.published_at) < dated_term.end_year
)

select * from final
