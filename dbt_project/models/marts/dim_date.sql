with

days as (
    select cast(range as date) as date_day
    from range(date '2005-01-01', date '2036-01-01', interval 1 day)
),

final as (
    select
        date_day,
        year(date_day) as year_number,
        quarter(date_day) as quarter_number,
        month(date_day) as month_number,
        day(date_day) as day_of_month,
        isodow(date_day) as iso_day_of_week,
        strftime(date_day, '%Y-%m') as year_month,
    from days
)

select * from final
