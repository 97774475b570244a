-- Which districts report the same indicator, and how do they compare?
select
    indicators.name_en as indicator,
    districts.name_vi as district,
    figures.period_year,
    figures.figure_kind,
    figures.surface,
    coalesce(figures.ratio_percent, figures.figure_value) as value_percent,
    articles.title_vi as article,
from main_marts.fct_figure as figures
inner join main_marts.dim_indicator as indicators using (indicator_code)
inner join main_marts.dim_district as districts using (district_code)
inner join main_marts.dim_article as articles using (article_id)
where indicators.indicator_code = 'public_schools_national_standard'
order by districts.name_vi, figures.period_year, figures.figure_kind
