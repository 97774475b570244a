-- The trend of one indicator across districts: the latest report of each year per district
-- (earlier reports of the same year are revisions: drop "is_latest_report" to see them).
-- Change the indicator code (see main_marts.dim_indicator).
select
    trend.indicator_name_en as indicator,
    trend.district_name_vi as district,
    trend.result_year,
    trend.result_period_part,
    trend.result_value,
    trend.unit,
    trend.revision,
    articles.title_vi as article,
    articles.public_url as article_url,
from main_marts.mart_indicator_results as trend
inner join main_marts.dim_article as articles using (article_id)
where trend.indicator_code = 'public_schools_national_standard'
    and trend.measure = 'level'
    and trend.is_latest_report
order by district, trend.result_year
