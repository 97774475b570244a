-- For one district and term: which targets were set, what was reported, and is it met?
select
    districts.name_vi as district,
    scorecard.term_code,
    coalesce(scorecard.indicator_name_en, scorecard.indicator_code) as indicator,
    scorecard.surface as target_as_written,
    scorecard.target_qualifier,
    scorecard.target_value,
    scorecard.target_value_max,
    scorecard.result_surface as result_as_written,
    scorecard.result_value,
    scorecard.result_year,
    scorecard.status,
from main_marts.mart_scorecard as scorecard
inner join main_marts.dim_district as districts using (district_code)
where districts.name_ascii = 'Bac Tu Liem'
    and scorecard.term_code = '2020_2025'
order by indicator
